package dev.blocksmith.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.testing.TestBlocks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  private static final String GOOD =
      """
      {"formatVersion": 2, "name": "tiny",
       "nodes": [{"id": "src", "type": "test.source", "params": {"value": 0.5}},
                 {"id": "score", "type": "test.score"}],
       "edges": [{"from": "src.table", "to": "score.table"}]}
      """;

  private static final String BAD =
      """
      {"formatVersion": 2, "name": "bad",
       "nodes": [{"id": "src", "type": "test.source", "params": {"value": 500}},
                 {"id": "score", "type": "test.score"},
                 {"id": "use", "type": "test.needs-model"},
                 {"id": "ghost", "type": "acme.magic"}],
       "edges": [{"from": "src.table", "to": "use.model"}]}
      """;

  @TempDir Path dir;
  private final TestBlocks blocks = new TestBlocks();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int cli(String... args) {
    return Cli.execute(
        blocks.registry(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void validateListsEveryProblemAndExitsTwo() throws Exception {
    int code = cli("validate", file("bad.json", BAD).toString());
    assertThat(code).isEqualTo(2);
    assertThat(out())
        .contains("[src (value)]")
        .contains("[score.table]")
        .contains("[use.model]")
        .contains("[ghost]");
  }

  @Test
  void runJsonPrintsStatusesMetricsAndRunFolder() throws Exception {
    int code =
        cli(
            "run",
            file("good.json", GOOD).toString(),
            "--json",
            "--device",
            "cpu",
            "--runs",
            dir.resolve("runs").toString());
    assertThat(code).as(err()).isEqualTo(0);
    JsonNode json = GraphJson.mapper().readTree(out());
    assertThat(json.path("success").asBoolean()).isTrue();
    assertThat(json.path("device").asText()).startsWith("CPU");
    assertThat(json.path("nodes").path("score").path("status").asText()).isEqualTo("DONE");
    assertThat(json.path("metrics").path("score").path("accuracy").asDouble()).isEqualTo(0.5);
    assertThat(Path.of(json.path("runDir").asText()).resolve("run.json")).exists();
  }

  @Test
  void setOverridesAParamAndTextRunShowsTheReport() throws Exception {
    int code =
        cli(
            "run",
            file("good.json", GOOD).toString(),
            "--set",
            "src.value=0.25",
            "--show",
            "src",
            "--device",
            "cpu",
            "--runs",
            dir.resolve("runs").toString());
    assertThat(code).as(err()).isEqualTo(0);
    assertThat(out())
        .contains("Running on CPU")
        .contains("accuracy 25.0 %")
        .contains("Confusion matrix")
        .contains("== Output of src ==")
        .contains("0.25");
  }

  @Test
  void setOnAnUnknownParamIsAClearError() throws Exception {
    int code = cli("run", file("good.json", GOOD).toString(), "--set", "src.colour=red");
    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("no setting 'colour'").contains("value");
  }

  @Test
  void anUnreadableFileIsOneLineWithoutAStackTrace() throws Exception {
    int code = cli("run", file("broken.json", "{ not json").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err().strip()).startsWith("Cannot read").doesNotContain("\n").doesNotContain("at ");
  }

  @Test
  void blocksAndExplainDescribeTheRegistry() {
    assertThat(cli("blocks")).isZero();
    assertThat(out()).contains("Prepare").contains("test.add-one");
    out.reset();
    assertThat(cli("explain", "Make number")).isZero();
    assertThat(out()).contains("What this does").contains("value - Value").contains("0 to 100");
    out.reset();
    assertThat(cli("blocks", "--markdown")).isZero();
    assertThat(out()).startsWith("# Blocks").contains("| `value` Value | number | `1.0` |");
  }
}
