package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of first-model.json that differ in epochs are recorded, listed, compared, reopened. */
class RunHistoryTest {
  private static final NodeRegistry REGISTRY = NodeRegistry.loadInstalled();

  private static String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            REGISTRY,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text + err.toString(StandardCharsets.UTF_8)).isZero();
    return text;
  }

  @Test
  void runsCompareShowsTheEpochsThatDifferAndTheScores(@TempDir Path dir) throws Exception {
    String graph = Path.of("../graphs/first-model.json").toAbsolutePath().normalize().toString();
    String first =
        cli(
            "run",
            graph,
            "--runs",
            dir.toString(),
            "--set",
            "sample.size=300",
            "--set",
            "train.epochs=2");
    assertThat(first).contains("CPU time").contains(" J (");
    cli(
        "run",
        graph,
        "--runs",
        dir.toString(),
        "--set",
        "sample.size=300",
        "--set",
        "train.epochs=4");

    String list = cli("runs", "--runs", dir.toString());
    assertThat(list).contains("My first model").contains("evaluate.accuracy");

    String compare = cli("runs", "compare", "last-1", "last", "--runs", dir.toString());
    assertThat(compare).containsPattern("train\\.epochs\\s+2\\s+4");
    assertThat(compare).contains("run.overrides");
    assertThat(compare).doesNotContain("sample.dataset"); // the same in both: not shown
    assertThat(compare).contains("Metrics:").containsPattern("evaluate\\.accuracy\\s+[0-9.]+\\s+");
    assertThat(compare).contains("train.validation loss").contains("after 4");
    assertThat(compare).contains("Energy and CPU time:");

    Path reopened = dir.resolve("again.json");
    cli("runs", "open", "last-1", "--out", reopened.toString(), "--runs", dir.toString());
    var g = GraphJson.read(reopened);
    assertThat(g.node("train").orElseThrow().params().get("epochs").asInt()).isEqualTo(2);
    try (var runs = Files.list(dir)) {
      Path run = runs.filter(Files::isDirectory).sorted().findFirst().orElseThrow();
      var json = GraphJson.mapper().readTree(run.resolve("run.json").toFile());
      assertThat(json.path("versions").path("pytorch").asText()).isNotEmpty();
      assertThat(json.path("energy").path("method").asText()).isNotEmpty();
      assertThat(json.path("seed").asLong()).isEqualTo(42);
    }
  }
}
