package dev.blocksmith.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model files come from other people: whatever the bytes, reading one gives a model that writes
 * back and reads again, or a {@link ModelFileException} / {@link IncompatibleModelException} with a
 * message — never another exception, a hang or an allocation the file did not pay for. The second
 * target edits one part of a valid model and reseals the checksums, so the fuzzer reaches the
 * checks behind them (architecture, preprocessing, shapes, weights). In the normal build this
 * replays the seeds in {@code ModelFileFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class ModelFileFuzzTest {
  private static final Set<String> PARTS =
      Set.of(
          "bundle.json",
          "arch.json",
          ModelBundle.DJL_WEIGHTS,
          ModelBundle.PACKED_WEIGHTS,
          "parameters.json",
          "labels.json",
          "preprocessing.json",
          "history.json",
          "provenance.json");

  private static byte[] valid;

  private static synchronized byte[] valid() throws Exception {
    if (valid == null) {
      valid =
          ModelBundle.toBytes(
              ModelBundleTest.random(
                  ArchSpec.mlp(List.of(2), List.of(4), 3, ArchSpec.Task.CLASSIFICATION),
                  ModelBundleTest.tablePre(2),
                  4));
    }
    return valid;
  }

  @FuzzTest(maxDuration = "30s")
  void anyBytesGiveAModelOrANamedError(byte[] data) throws Exception {
    check(data);
  }

  @FuzzTest(maxDuration = "30s")
  void anyPartGivesAModelOrANamedError(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    Map<String, byte[]> parts =
        new LinkedHashMap<>(BundleZip.read(new ByteArrayInputStream(valid()), PARTS, "seed"));
    List<String> names = new ArrayList<>(parts.keySet());
    String part = names.get(Math.floorMod(data[0], names.size()));
    parts.put(part, Arrays.copyOfRange(data, 1, data.length));
    check(ModelFileTrustTest.resealed(parts));
  }

  private static void check(byte[] bytes) throws Exception {
    TrainedModel model;
    try {
      model = ModelBundle.read(bytes, "fuzz.bsmodel");
    } catch (ModelFileException | IncompatibleModelException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(model.arch()).isNotNull();
    if (System.getenv("JAZZER_FUZZ") != null) {
      // While fuzzing, also write it back and read it again (skipped when replaying the corpus in
      // the normal build: each round trip builds the network twice more).
      TrainedModel again = ModelBundle.read(ModelBundle.toBytes(model), "again.bsmodel");
      assertThat(again.arch()).isEqualTo(model.arch());
    }
  }
}
