package dev.blocksmith.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile model files are refused by name instead of answering confidently. */
class ModelFileTrustTest {
  private static final Set<String> PARTS =
      Set.of(
          "bundle.json",
          "arch.json",
          "weights.params",
          "weights.safetensors",
          "parameters.json",
          "labels.json",
          "preprocessing.json",
          "history.json",
          "provenance.json");

  private static TrainedModel model() {
    return ModelBundleTest.random(
        ArchSpec.mlp(List.of(2), List.of(16), 3, ArchSpec.Task.CLASSIFICATION),
        ModelBundleTest.tablePre(2),
        4);
  }

  private static Map<String, byte[]> parts(byte[] zip) throws Exception {
    return new LinkedHashMap<>(BundleZip.read(new ByteArrayInputStream(zip), PARTS, "x"));
  }

  /** Rewrites bundle.json's checksums so that only the deeper checks can catch an edit. */
  static byte[] resealed(Map<String, byte[]> parts) throws Exception {
    String head = new String(parts.get("bundle.json"), StandardCharsets.UTF_8);
    for (var p : parts.entrySet()) {
      if (!p.getKey().equals("bundle.json")) {
        head =
            head.replaceAll(
                "(\"" + java.util.regex.Pattern.quote(p.getKey()) + "\" : \")[0-9a-f]+",
                "$1" + ModelBundle.sha256(p.getValue()));
      }
    }
    parts.put("bundle.json", head.getBytes(StandardCharsets.UTF_8));
    return BundleZip.write(parts, Set.of());
  }

  @Test
  void corruptedWeightBytesAreRefusedByTheirChecksum() throws Exception {
    Map<String, byte[]> parts = parts(ModelBundle.toBytes(model()));
    byte[] w = parts.get("weights.params");
    for (int i = w.length - 64; i < w.length; i++) {
      w[i] = (byte) 0x7f;
    }
    byte[] damaged = BundleZip.write(parts, Set.of()); // zip CRCs are recomputed: they pass
    assertThatThrownBy(() -> ModelBundle.read(damaged, "m.bsmodel"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("part \"weights.params\" does not match its checksum");
  }

  @Test
  void nanWeightsAreRefusedNamingTheLayer() throws Exception {
    Map<String, byte[]> parts = parts(ModelBundle.toBytes(model()));
    TrainedModel m = model();
    List<Weights.Tensor> tensors = Weights.read(m);
    tensors.get(1).data()[3] = Float.NaN;
    parts.put("weights.params", Weights.toDjlBytes(m.arch(), tensors));
    byte[] damaged = resealed(parts);
    assertThatThrownBy(() -> ModelBundle.read(damaged, "m.bsmodel"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("layer '")
        .hasMessageContaining("NaN");
  }

  @Test
  void zeroOrNanPreprocessingScaleIsRefusedNamingTheColumn() throws Exception {
    for (String bad : List.of("0.0", "\"NaN\"")) {
      Map<String, byte[]> parts = parts(ModelBundle.toBytes(model()));
      String pre = new String(parts.get("preprocessing.json"), StandardCharsets.UTF_8);
      pre = pre.replaceFirst("\"scale\" : 1\\.0", "\"scale\" : " + bad);
      parts.put("preprocessing.json", pre.getBytes(StandardCharsets.UTF_8));
      byte[] damaged = resealed(parts);
      assertThatThrownBy(() -> ModelBundle.read(damaged, "m.bsmodel"))
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining("column \"f0\" is scaled by");
    }
  }

  /** A model whose column f1 fills its gaps from f0 (f1 = 2 × f0 + 1 within 0–10). */
  private static TrainedModel imputingModel() {
    Preprocessing plain = ModelBundleTest.tablePre(2);
    List<Preprocessing.ColumnStep> steps =
        List.of(
            plain.steps().get(0),
            plain
                .steps()
                .get(1)
                .withImputation(
                    new Preprocessing.Imputation(List.of("f0"), List.of(2.0), 1, 0, 10)));
    Preprocessing pre =
        new Preprocessing(
            Preprocessing.IMPUTATION_VERSION,
            plain.input(),
            steps,
            List.of(),
            plain.labelColumn(),
            plain.task(),
            plain.classNames(),
            List.of(),
            0,
            1);
    return ModelBundleTest.random(
        ArchSpec.mlp(List.of(2), List.of(16), 3, ArchSpec.Task.CLASSIFICATION), pre, 4);
  }

  @Test
  void gapFillingFromOtherColumnsIsSavedAndOnlyThenChangesTheFile() throws Exception {
    TrainedModel model = imputingModel();
    TrainedModel back = ModelBundle.read(ModelBundle.toBytes(model), "m.bsmodel");
    assertThat(back.preprocessing()).isEqualTo(model.preprocessing());
    assertThat(back.preprocessing().version()).isEqualTo(4);
    String plain =
        new String(
            parts(ModelBundle.toBytes(model())).get("preprocessing.json"), StandardCharsets.UTF_8);
    assertThat(plain).doesNotContain("imputation").contains("\"version\" : 1");
  }

  @Test
  void gapFillingWithTheWrongNumberOfWeightsOrNonFiniteOnesIsRefused() throws Exception {
    List<String[]> edits =
        List.of(
            new String[] {
              "\"weights\" : \\[ 2\\.0 \\]",
              "\"weights\" : [ 2.0, 3.0 ]",
              "fills its gaps with 2 weights, but the columns it reads from give 1 number"
            },
            new String[] {"\"weights\" : \\[ 2\\.0 \\]", "\"weights\" : [ ]", "with 0 weights"},
            new String[] {
              "\"weights\" : \\[ 2\\.0 \\]", "\"weights\" : [ \"NaN\" ]", "not a finite number"
            },
            new String[] {"\"bias\" : 1\\.0", "\"bias\" : \"Infinity\"", "not a finite number"},
            new String[] {"\"min\" : 0\\.0", "\"min\" : 11.0", "low end is above its high end"});
    for (String[] edit : edits) {
      Map<String, byte[]> parts = parts(ModelBundle.toBytes(imputingModel()));
      String pre = new String(parts.get("preprocessing.json"), StandardCharsets.UTF_8);
      String changed = pre.replaceFirst(edit[0], edit[1]);
      assertThat(changed).as(edit[1]).isNotEqualTo(pre);
      parts.put("preprocessing.json", changed.getBytes(StandardCharsets.UTF_8));
      byte[] damaged = resealed(parts);
      assertThatThrownBy(() -> ModelBundle.read(damaged, "m.bsmodel"))
          .as(edit[1])
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining("m.bsmodel is damaged or was edited: column \"f1\"")
          .hasMessageContaining(edit[2]);
    }
  }

  @Test
  void gapFillingFromAColumnTheModelLacksIsRefused() throws Exception {
    for (String from : List.of("nope", "f1")) {
      Map<String, byte[]> parts = parts(ModelBundle.toBytes(imputingModel()));
      String pre = new String(parts.get("preprocessing.json"), StandardCharsets.UTF_8);
      String changed =
          pre.replaceFirst("\"from\" : \\[ \"f0\" \\]", "\"from\" : [ \"" + from + "\" ]");
      assertThat(changed).isNotEqualTo(pre);
      parts.put("preprocessing.json", changed.getBytes(StandardCharsets.UTF_8));
      byte[] damaged = resealed(parts);
      assertThatThrownBy(() -> ModelBundle.read(damaged, "m.bsmodel"))
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining("fills its gaps from \"" + from + "\", which is not another");
    }
  }

  @Test
  void formatVersionThatWrapsAroundIsRefused() throws Exception {
    Map<String, byte[]> parts = parts(ModelBundle.toBytes(model()));
    String head =
        new String(parts.get("bundle.json"), StandardCharsets.UTF_8)
            .replace("\"formatVersion\" : 2", "\"formatVersion\" : 4294967298");
    parts.put("bundle.json", head.getBytes(StandardCharsets.UTF_8));
    byte[] edited = BundleZip.write(parts, Set.of());
    assertThatThrownBy(() -> ModelBundle.read(edited, "m.bsmodel"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("format version 4294967298 is not one Blocksmith knows");
  }

  @Test
  void duplicateJsonKeysInAModelPartAreRefused() throws Exception {
    Map<String, byte[]> parts = parts(ModelBundle.toBytes(model()));
    String arch =
        new String(parts.get("arch.json"), StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"outputs\": 2, ");
    parts.put("arch.json", arch.getBytes(StandardCharsets.UTF_8));
    byte[] edited = resealed(parts);
    assertThatThrownBy(() -> ModelBundle.read(edited, "m.bsmodel"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("Duplicate field 'outputs'");
  }

  @Test
  void hugeArchitectureInASmallFileIsRefusedBeforeAnythingIsAllocated() throws Exception {
    Map<String, byte[]> parts = parts(ModelBundle.toBytes(model()));
    String arch =
        new String(parts.get("arch.json"), StandardCharsets.UTF_8)
            .replaceFirst("\"hidden\" : \\[ 16 \\]", "\"hidden\" : [ 90000, 90000, 90000 ]");
    parts.put("arch.json", arch.getBytes(StandardCharsets.UTF_8));
    byte[] edited = resealed(parts);
    assertThat(edited.length).isLessThan(20_000);
    assertThatThrownBy(() -> ModelBundle.read(edited, "m.bsmodel"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("numbers to learn")
        .hasMessageContaining("Use fewer or smaller layers");
  }

  @Test
  void zipBombPartStopsWithAPlainMessage() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("labels.json"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertThat(bytes.size()).isLessThan(200_000);
    assertThatThrownBy(() -> ModelBundle.read(bytes.toByteArray(), "bomb.bsmodel"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("part \"labels.json\" unpacks to more than");
  }

  @Test
  void recipeIsReadWithoutTheWeights(@TempDir Path dir) throws Exception {
    TrainedModel m = model();
    Map<String, byte[]> parts = parts(ModelBundle.toBytes(m));
    parts.put("weights.params", new byte[] {1, 2, 3}); // unreadable weights, resealed
    Path file = dir.resolve("m.bsmodel");
    Files.write(file, resealed(parts));
    assertThat(ModelBundle.readProvenance(file)).isEqualTo(m.provenance());
  }

  @Test
  void specialFilesAreNotModelFiles(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("pipe.bsmodel");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    if (p.waitFor() != 0) {
      return; // no mkfifo here
    }
    assertThatThrownBy(() -> ModelBundle.read(fifo)).isInstanceOf(ModelFileException.class);
    assertThatThrownBy(() -> ModelBundle.readProvenance(fifo))
        .isInstanceOf(ModelFileException.class);
  }
}
