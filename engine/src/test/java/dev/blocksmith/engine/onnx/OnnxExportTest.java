package dev.blocksmith.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.model.Preprocessing.Op;
import dev.blocksmith.engine.model.Provenance;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.onnx.OnnxExport.Precision;
import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported ONNX files, run in ONNX Runtime on raw values (missing numbers, unknown and missing
 * categories, pixels 0–255), give Blocksmith's own answers, for every architecture and both
 * precisions; Python's onnx checker accepts every file.
 */
class OnnxExportTest {
  private static final Provenance PROV =
      new Provenance(1, "cpu()", "0.35.1", "2.7.1", "x", 1, 1, null);
  private static final int ROWS = 300;

  @TempDir static Path dir;

  /**
   * A table preprocessing using every step kind, with column names ONNX cannot take as they are.
   */
  private static Preprocessing tablePre(ArchSpec.Task task, List<String> classes) {
    List<ColumnStep> steps =
        List.of(
            new ColumnStep("sq ft", Op.SCALE, 1500, 1400, 600, List.of(), false),
            new ColumnStep("age", Op.SCALE, 30, 0, 90, List.of(), false),
            new ColumnStep("garden", Op.BOOLEAN, 0.4, 0, 1, List.of(), false),
            new ColumnStep("colour", Op.ONE_HOT, 0, 0, 1, List.of("red", "green", "blue"), true),
            new ColumnStep("town", Op.ONE_HOT, 0, 0, 1, List.of("Ayr", "Oban"), false),
            new ColumnStep("2nd size", Op.ORDINAL, 0, 0, 1, List.of("S", "M", "L"), false));
    return new Preprocessing(
        1,
        Preprocessing.Input.TABLE,
        steps,
        List.of(),
        "y",
        task,
        classes,
        List.of(),
        task == ArchSpec.Task.REGRESSION ? 250_000 : 0,
        task == ArchSpec.Task.REGRESSION ? 80_000 : 1);
  }

  /** Raw rows with missing values, unseen categories and missing-value markers. */
  private static Table rawTable(long seed) {
    Random r = new Random(seed);
    double[] area = new double[ROWS];
    double[] age = new double[ROWS];
    byte[] garden = new byte[ROWS];
    List<String> colour = new ArrayList<>();
    List<String> town = new ArrayList<>();
    List<String> size = new ArrayList<>();
    List<String> colours = List.of("red", "green", "blue", "purple");
    for (int i = 0; i < ROWS; i++) {
      area[i] = i % 17 == 0 ? Double.NaN : 400 + 3000 * r.nextDouble();
      age[i] = i % 23 == 0 ? Double.NaN : 90 * r.nextDouble();
      garden[i] = (byte) (i % 13 == 0 ? -1 : r.nextInt(2));
      colour.add(i % 11 == 0 ? null : colours.get(r.nextInt(colours.size())));
      town.add(i % 7 == 0 ? "Perth" : i % 19 == 0 ? null : r.nextBoolean() ? "Ayr" : "Oban");
      size.add(i % 29 == 0 ? null : i % 31 == 0 ? "XL" : List.of("S", "M", "L").get(r.nextInt(3)));
    }
    List<Column> cols =
        List.of(
            new NumberColumn("sq ft", area),
            new NumberColumn("age", age),
            new BooleanColumn("garden", garden),
            CategoryColumn.of("colour", colour),
            CategoryColumn.of("town", town),
            CategoryColumn.of("2nd size", size),
            new NumberColumn("y", new double[ROWS]));
    return Table.of(cols);
  }

  private static ImageSet images(int n, int c, int h, int w, long seed) {
    Random r = new Random(seed);
    byte[] px = new byte[n * c * h * w];
    r.nextBytes(px);
    return new ImageSet(
        w,
        h,
        c,
        List.of("a", "b", "c"),
        new int[n],
        px,
        Collections.nCopies(n, "x.png"),
        List.of());
  }

  private static TrainedModel random(ArchSpec spec, Preprocessing pre, int seed) {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(seed);
      SequentialBlock block = Architectures.build(spec);
      block.initialize(m, DataType.FLOAT32, new Shape(spec.batchShape(1)));
      return TrainedModel.capture(spec, block, pre, List.of(), PROV);
    }
  }

  private static final List<String> CLASSES = List.of("cheap", "fair", "dear");

  private static void assertMatches(TrainedModel model, Dataset data, Path dir, String name)
      throws Exception {
    for (Precision p : Precision.values()) {
      Path file = dir.resolve(name + "-" + p + ".onnx");
      OnnxExport.write(model, p, file);
      OnnxRun.Comparison c = OnnxRun.compare(Files.readAllBytes(file), model, data);
      double bound = p == Precision.FLOAT32 ? 1e-4 : 0.05;
      System.out.printf(
          "%s %s: max |Δ| %.2e, argmax agreement %.3f, %,d bytes%n",
          name, p, c.maxDiff(), c.argmaxAgreement(), Files.size(file));
      assertThat(c.maxDiff()).as(name + " " + p).isLessThanOrEqualTo(bound);
      if (p == Precision.FLOAT32) {
        assertThat(c.argmaxAgreement()).as(name).isEqualTo(1.0);
        if (OnnxRun.classes(model)) {
          assertThat((String[]) c.onnxPredicted())
              .isEqualTo(OnnxRun.ownLabels(model, c.ownScores()));
        } else {
          double[] own = OnnxRun.ownNumbers(model, c.ownScores());
          double[] theirs = (double[]) c.onnxPredicted();
          for (int i = 0; i < own.length; i++) {
            // scores agree to 1e-4 (float32); in target units that is 1e-4 × the target's spread
            assertThat(theirs[i])
                .isCloseTo(
                    own[i],
                    org.assertj.core.data.Offset.offset(1e-4 * model.preprocessing().labelScale()));
          }
        }
      }
      if (p == Precision.INT8) {
        // Against the model Blocksmith itself quantizes (the Quantize block), int8 is exact too.
        OnnxRun.Comparison q =
            OnnxRun.compare(Files.readAllBytes(file), OnnxRun.quantized(model), data);
        assertThat(q.maxDiff()).as(name + " int8 vs quantized").isLessThanOrEqualTo(1e-4);
        assertThat(q.argmaxAgreement()).isEqualTo(1.0);
      }
      WRITTEN.add(file);
    }
  }

  private static final List<Path> WRITTEN = new java.util.concurrent.CopyOnWriteArrayList<>();

  @org.junit.jupiter.api.AfterAll
  static void pythonCheckerAcceptsEveryFile() throws Exception {
    String check = OnnxRun.pythonCheck(WRITTEN);
    System.out.println(
        "python3 onnx.checker (full_check) on " + WRITTEN.size() + " files: " + check);
    if (check != null) {
      assertThat(check).isEqualTo("ok");
    }
  }

  @Test
  void tableModelsTakeRawValuesAndMatch() throws Exception {
    Preprocessing cls = tablePre(ArchSpec.Task.CLASSIFICATION, CLASSES);
    int width = cls.exampleShape().get(0);
    assertThat(width).isEqualTo(2 + 1 + 4 + 2 + 1);
    Table data = rawTable(3);
    assertMatches(
        random(ArchSpec.mlp(List.of(width), List.of(), 3, ArchSpec.Task.CLASSIFICATION), cls, 1),
        data,
        dir,
        "linear");
    assertMatches(
        random(
            ArchSpec.mlp(List.of(width), List.of(32, 16), 3, ArchSpec.Task.CLASSIFICATION)
                .withDropout(0.3),
            cls,
            2),
        data,
        dir,
        "mlp");
    Preprocessing reg = tablePre(ArchSpec.Task.REGRESSION, List.of());
    assertMatches(
        random(ArchSpec.mlp(List.of(width), List.of(16), 1, ArchSpec.Task.REGRESSION), reg, 3),
        data,
        dir,
        "mlp-regression");
  }

  /**
   * Raw rows whose columns predict each other (age and size from the area, a garden on big plots,
   * the town from the area), with gaps in every kind of column, unseen categories, and a class and
   * a number to predict.
   */
  private static Table gappyTable(long seed) {
    Random r = new Random(seed);
    double[] area = new double[ROWS];
    double[] age = new double[ROWS];
    double[] price = new double[ROWS];
    byte[] garden = new byte[ROWS];
    List<String> town = new ArrayList<>();
    List<String> size = new ArrayList<>();
    List<String> band = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double a = 400 + 3000 * r.nextDouble();
      area[i] = i % 17 == 0 ? Double.NaN : a;
      age[i] = i % 11 == 0 ? Double.NaN : 90 - a / 40 + 3 * r.nextGaussian();
      garden[i] = (byte) (i % 13 == 0 ? -1 : a > 2000 ^ r.nextInt(10) == 0 ? 1 : 0);
      town.add(i % 19 == 0 ? null : i % 29 == 0 ? "Perth" : a > 1500 ? "Ayr" : "Oban");
      size.add(i % 23 == 0 ? null : a < 1400 ? "S" : a < 2400 ? "M" : "L");
      price[i] = 100 * a + 5000 * r.nextGaussian();
      band.add(a < 1400 ? "cheap" : a < 2400 ? "fair" : "dear");
    }
    return Table.of(
            List.of(
                new NumberColumn("sq ft", area),
                new NumberColumn("age", age),
                new BooleanColumn("garden", garden),
                CategoryColumn.of("town", town),
                CategoryColumn.of("2nd size", size),
                CategoryColumn.of("band", band),
                new NumberColumn("price", price)),
            java.util.Map.of("band", dev.blocksmith.engine.value.ColumnRole.LABEL))
        .withRecipe(
            dev.blocksmith.engine.value.Recipe.DEFAULT.withEncoding(
                "2nd size", dev.blocksmith.engine.value.Recipe.Encoding.ORDINAL, 50));
  }

  @Test
  void gapsFilledFromTheOtherColumnsMatchOnRowsWithGaps() throws Exception {
    Table data = gappyTable(8);
    Preprocessing cls =
        dev.blocksmith.engine.model.Featurizer.fit(
            data.withoutColumns(List.of("price")), "band", ArchSpec.Task.CLASSIFICATION);
    assertThat(cls.steps().get(0).imputation()).as("sq ft").isNotNull();
    assertThat(cls.steps().get(1).imputation()).as("age").isNotNull();
    // Filling from the others moves the gap rows far from the mean fill, so an export that
    // filled with the mean would not match.
    List<ColumnStep> meanOnly = cls.steps().stream().map(s -> s.withImputation(null)).toList();
    Preprocessing plain =
        new Preprocessing(
            1,
            cls.input(),
            meanOnly,
            List.of(),
            cls.labelColumn(),
            cls.task(),
            cls.classNames(),
            cls.ignoredColumns(),
            0,
            1);
    float[] filled = cls.transform(data).features();
    float[] mean = plain.transform(data).features();
    double far = 0;
    for (int k = 0; k < filled.length; k++) {
      far = Math.max(far, Math.abs(filled[k] - mean[k]));
    }
    assertThat(far).as("largest move of a filled gap, in standard deviations").isGreaterThan(0.5);
    int width = cls.exampleShape().get(0);
    assertMatches(
        random(ArchSpec.mlp(List.of(width), List.of(), 3, ArchSpec.Task.CLASSIFICATION), cls, 7),
        data,
        dir,
        "gaps-linear");
    assertMatches(
        random(ArchSpec.mlp(List.of(width), List.of(32), 3, ArchSpec.Task.CLASSIFICATION), cls, 8),
        data,
        dir,
        "gaps-mlp");
    Preprocessing reg =
        dev.blocksmith.engine.model.Featurizer.fit(
            data.withoutColumns(List.of("band")), "price", ArchSpec.Task.REGRESSION);
    assertThat(reg.fillsFromOthers()).isTrue();
    assertMatches(
        random(ArchSpec.mlp(List.of(width), List.of(16), 1, ArchSpec.Task.REGRESSION), reg, 9),
        data,
        dir,
        "gaps-regression");
  }

  @Test
  void imageModelsTakePixelsAndMatch() throws Exception {
    Preprocessing pre =
        new Preprocessing(
            1,
            Preprocessing.Input.IMAGES,
            List.of(),
            List.of(3, 12, 12),
            null,
            ArchSpec.Task.CLASSIFICATION,
            List.of("a", "b", "c"),
            List.of(),
            0,
            1);
    ImageSet data = images(64, 3, 12, 12, 5);
    assertMatches(
        random(ArchSpec.cnn(3, 12, 12, 3, ArchSpec.Task.CLASSIFICATION), pre, 4), data, dir, "cnn");
    assertMatches(
        random(
            ArchSpec.mlp(List.of(3, 12, 12), List.of(20), 3, ArchSpec.Task.CLASSIFICATION), pre, 5),
        data,
        dir,
        "image-mlp");
  }

  @Test
  void int8FilesStoreInt8WeightsAndAreAboutFourTimesSmaller() throws Exception {
    Preprocessing pre =
        new Preprocessing(
            1,
            Preprocessing.Input.IMAGES,
            List.of(),
            List.of(1, 28, 28),
            null,
            ArchSpec.Task.CLASSIFICATION,
            List.of("a", "b"),
            List.of(),
            0,
            1);
    TrainedModel model = random(ArchSpec.cnn(1, 28, 28, 2, ArchSpec.Task.CLASSIFICATION), pre, 6);
    byte[] f32 = OnnxExport.toBytes(model, Precision.FLOAT32);
    byte[] i8 = OnnxExport.toBytes(model, Precision.INT8);
    ModelProto proto = ModelProto.parseFrom(i8);
    long int8 =
        proto.getGraph().getInitializerList().stream()
            .filter(
                t ->
                    t.getDataType() == TensorProto.DataType.INT8.getNumber()
                        && t.getDimsCount() > 1)
            .count();
    assertThat(int8).as("int8 weight tensors").isEqualTo(4); // 2 conv + dense + head
    assertThat(proto.getGraph().getNodeList())
        .anyMatch(n -> n.getOpType().equals("DequantizeLinear"));
    assertThat(ModelProto.parseFrom(f32).getGraph().getNodeList())
        .noneMatch(n -> n.getOpType().equals("DequantizeLinear"));
    double ratio = (double) f32.length / i8.length;
    System.out.printf("int8 ONNX: %,d → %,d bytes (%.2f×)%n", f32.length, i8.length, ratio);
    assertThat(ratio).isGreaterThan(3.5);
  }

  @Test
  void metadataNamesLabelsInputsAndPreprocessing() throws Exception {
    Preprocessing pre = tablePre(ArchSpec.Task.CLASSIFICATION, CLASSES);
    TrainedModel model =
        random(ArchSpec.mlp(List.of(10), List.of(), 3, ArchSpec.Task.CLASSIFICATION), pre, 7);
    ModelProto proto = ModelProto.parseFrom(OnnxExport.toBytes(model, Precision.FLOAT32));
    var meta = new java.util.HashMap<String, String>();
    proto.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
    assertThat(meta.get("blocksmith.labels")).isEqualTo("[\"cheap\",\"fair\",\"dear\"]");
    assertThat(meta.get("blocksmith.inputs"))
        .contains(
            "\"name\":\"sq_ft\"",
            "\"column\":\"sq ft\"",
            "\"name\":\"_2nd_size\"",
            "\"kind\":\"CATEGORY\"");
    assertThat(meta.get("blocksmith.preprocessing")).contains("\"center\":1400.0");
    assertThat(proto.getGraph().getInputList())
        .extracting(i -> i.getName())
        .containsExactly("sq_ft", "age", "garden", "colour", "town", "_2nd_size");
  }

  @Test
  void missingMarkersMatchTheOnesTheCsvReaderUses() {
    assertThat(OnnxPreprocessing.missingTexts())
        .contains("", "NA", "na", "N/A", "null", "NULL", "?", "-", "NaN");
  }
}
