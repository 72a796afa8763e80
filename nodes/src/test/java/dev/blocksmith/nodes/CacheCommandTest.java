package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache that lasts, through the command line: each {@code run} is a new engine session (as a
 * new process is), so what it reuses comes from the disk cache.
 */
class CacheCommandTest {
  @TempDir Path dir;
  private String oldBytes;
  private String oldCache;

  @BeforeEach
  void useATempCache() {
    oldBytes = System.getProperty("blocksmith.cacheBytes");
    oldCache = System.getProperty("blocksmith.cache");
    System.setProperty("blocksmith.cacheBytes", "64m");
    System.setProperty("blocksmith.cache", dir.resolve("cache").toString());
  }

  @AfterEach
  void restore() {
    restore("blocksmith.cacheBytes", oldBytes);
    restore("blocksmith.cache", oldCache);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadDefault(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            args);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    return text;
  }

  private JsonNode run(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                Path.of("..", "graphs", "first-model.json").toString(),
                "--json",
                "--runs",
                dir.resolve("runs").toString(),
                "--set",
                "sample.size=300",
                "--set",
                "train.epochs=2"));
    args.addAll(List.of(extra));
    String text = cli(args.toArray(String[]::new));
    return GraphJson.mapper().readTree(text.substring(text.indexOf('{')));
  }

  private static String status(JsonNode run, String node) {
    return run.path("nodes").path(node).path("status").asText();
  }

  @Test
  void aReRunChangingOnlyAnEvaluateSettingServesUpstreamFromDisk() throws Exception {
    JsonNode first = run();
    assertThat(status(first, "train")).isEqualTo("DONE");

    JsonNode second = run("--set", "evaluate.batchSize=64");

    assertThat(status(second, "sample")).isEqualTo("CACHED");
    assertThat(status(second, "split")).isEqualTo("CACHED");
    assertThat(status(second, "train")).isEqualTo("CACHED");
    assertThat(status(second, "evaluate")).isEqualTo("DONE");
    assertThat(second.path("metrics").path("evaluate"))
        .isEqualTo(first.path("metrics").path("evaluate")); // same model, same scores

    JsonNode fresh = run("--set", "evaluate.batchSize=64", "--no-cache");
    assertThat(status(fresh, "train")).isEqualTo("DONE");

    // sample, split, train, evaluate at two batch sizes, and Evaluate's scores of the model
    assertThat(cli("cache")).contains("Entries: 6").contains(dir.resolve("cache").toString());
    assertThat(cli("cache", "--clear")).contains("Cleared");
    assertThat(cli("cache")).contains("Entries: 0");
    assertThat(status(run(), "train")).isEqualTo("DONE");
  }
}
