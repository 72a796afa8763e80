package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.djl.Devices;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a machine with a usable GPU (the -Pgpu build), the first model trains on it. */
class GpuTrainingTest {
  @Test
  void firstModelTrainsOnTheGpu(@TempDir Path dir) {
    assumeTrue(Devices.gpuCount() > 0, "no usable GPU here");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadInstalled(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err,
            "run",
            Path.of("../graphs/first-model.json").toAbsolutePath().toString(),
            "--device",
            "gpu",
            "--set",
            "train.epochs=3",
            "--runs",
            dir.toString());
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    assertThat(text).contains("GPU 0");
  }
}
