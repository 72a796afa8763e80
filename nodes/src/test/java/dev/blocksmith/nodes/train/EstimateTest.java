package dev.blocksmith.nodes.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.djl.MemoryLimits;
import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.exec.Estimator;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.spi.Estimate;
import dev.blocksmith.engine.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimate before a run: exact sizes, memory warnings without allocating, no training. */
class EstimateTest {
  private static final NodeRegistry REGISTRY = NodeRegistry.loadInstalled();

  /** Spirals → split → MLP 2→64→64→2 → save model. */
  private static Path graph(Path dir) throws Exception {
    String json =
        """
        {"formatVersion": 2, "name": "estimate me",
         "nodes": [
          {"id": "sample", "type": "data.sample", "typeVersion": 1,
           "params": {"dataset": "spirals", "size": 400}},
          {"id": "split", "type": "prepare.split", "typeVersion": 1, "params": {}},
          {"id": "train", "type": "train.train", "typeVersion": 1,
           "params": {"architecture": "mlp", "hiddenSizes": [64, 64], "epochs": 50,
                      "patience": 0}},
          {"id": "save", "type": "output.save-model", "typeVersion": 1,
           "params": {"file": "model.bsmodel"}}],
         "edges": [
          {"from": "sample.data", "to": "split.data"},
          {"from": "split.train", "to": "train.train"},
          {"from": "split.validation", "to": "train.validation"},
          {"from": "train.model", "to": "save.model"}]}
        """;
    Path f = dir.resolve("estimate.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void aKnownArchitectureGivesTheExactParameterCountFromTheRealData(@TempDir Path dir)
      throws Exception {
    Path file = graph(dir);
    try (EngineSession session = new EngineSession(REGISTRY, dir.resolve("runs"))) {
      Estimator.Result r =
          session.estimate(GraphJson.read(file), dir, RunOptions.DEFAULTS, e -> {});
      assertThat(r.skipped()).isEmpty();
      Estimate e = r.estimates().get(0);
      assertThat(e.nodeId()).isEqualTo("train");
      // 2·64 + 64, 64·64 + 64, 64·2 + 2 weights and biases; DJL allocated exactly these.
      assertThat(e.parameters()).isEqualTo(4482L).isEqualTo(e.trainableParameters());
      assertThat(e.model()).isEqualTo("MLP 2→64→64→2");
      assertThat(e.trainRows()).isEqualTo(280); // the split's default 70 % of 400
      assertThat(e.memory().weights()).isEqualTo(4 * 4482L);
      assertThat(e.memory().optimizer()).isEqualTo(12 * 4482L); // gradients and Adam's two
      Estimate.Time t = e.time();
      assertThat(t.measured()).isTrue();
      assertThat(t.steps()).isEqualTo(50L * 9); // 280 rows in batches of 32, 50 epochs
      assertThat(t.low()).isEqualTo(t.high()); // no early stopping: every epoch runs
      assertThat(t.probeSteps()).isBetween(3, 200);
      assertThat(t.expected()).isGreaterThan(t.secondsPerStep() * t.steps());
      assertThat(e.warnings()).isEmpty();
    }
  }

  @Test
  void estimateDoesNotTrainWriteAModelOrRecordARun(@TempDir Path dir) throws Exception {
    Path file = graph(dir);
    Path runs = dir.resolve("runs");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            REGISTRY,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            "run",
            file.toString(),
            "--estimate",
            "--runs",
            runs.toString());
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    assertThat(text)
        .contains("Estimate for 'train'")
        .contains("nothing was trained")
        .contains("Numbers to learn: 4,482 weights and biases.")
        .contains("Memory: about")
        .contains("Time: about");
    assertThat(dir.resolve("model.bsmodel")).doesNotExist();
    assertThat(!Files.exists(runs) || Files.list(runs).findAny().isEmpty()).isTrue();
  }

  @Test
  void aHugeArchitectureWarnsAboutMemoryWithoutAllocatingIt() {
    // 64 convolution filters on 2,000 × 2,000 pictures: terabytes of activations per batch.
    ArchSpec huge =
        new ArchSpec(
            1,
            ArchSpec.Kind.CNN,
            List.of(1, 2000, 2000),
            List.of(),
            List.of(64, 64, 64, 64),
            0,
            10,
            ArchSpec.Task.CLASSIFICATION);
    TrainConfig config =
        new TrainConfig(10, 256, 0.01, TrainConfig.Optimizer.ADAM, TrainConfig.Loss.L2, 0, 1);
    Estimate.Memory m =
        TrainEstimates.memory(
            huge, huge.parameterCount(), huge.parameterCount(), config, 10_000, 0);
    assertThat(m.activations()).isGreaterThan(1_000_000_000_000L);
    Estimate e =
        new Estimate(
            "train",
            huge.describe(),
            10_000,
            0,
            huge.parameterCount(),
            huge.parameterCount(),
            m,
            Estimate.Time.unknown(100),
            List.of(),
            List.of());
    List<String> warnings = Estimator.warnings(e, MemoryLimits.current(Device.cpu()));
    assertThat(warnings).anyMatch(w -> w.startsWith("It will not fit in memory"));
  }

  @Test
  void aTrainingThatDoesNotFitIsNotProbed() throws Exception {
    float[] x = new float[200 * 2];
    float[] y = new float[200];
    for (int i = 0; i < 200; i++) {
      x[2 * i] = i;
      y[i] = i % 2;
    }
    var tr = new Preprocessing.Encoded(x, y, 200, List.of(2));
    ArchSpec arch = ArchSpec.mlp(List.of(2), List.of(64), 2, ArchSpec.Task.CLASSIFICATION);
    TrainConfig config =
        new TrainConfig(
            5, 32, 0.01, TrainConfig.Optimizer.ADAM, TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY, 0, 1);
    MemoryLimits tiny = new MemoryLimits(1000, 1000, 1000, 1000, -1);
    try (TestContext ctx = new TestContext("train")) {
      TrainEstimates.Fit f = TrainEstimates.fit(arch, tr, null, config, ctx, 1, tiny);
      assertThat(f.timing()).isNull();
      assertThat(Double.isNaN(f.expected())).isTrue();
      assertThat(f.parameters()).isEqualTo(2 * 64 + 64 + 64 * 2 + 2);
      assertThat(tiny.check(f.memory())).hasSize(2);
    }
  }
}
