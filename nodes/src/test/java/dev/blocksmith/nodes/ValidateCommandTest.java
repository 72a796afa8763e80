package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code blocksmith validate} on a graph with five different problems, using the real blocks. */
class ValidateCommandTest {

  @Test
  void listsAllFiveProblemsEachNamingItsBlockAndExitsNonZero() throws Exception {
    Path file = Path.of(getClass().getResource("/fixtures/five-problems.json").toURI());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadDefault(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "validate",
            file.toString());
    String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);

    assertThat(code).isEqualTo(2);
    assertThat(text)
        // the loop, naming both blocks on it
        .containsPattern("\\[cleanA[^\\n]*loop|\\[cleanA[^\\n]*cycle")
        .containsPattern("\\[cleanB[^\\n]*(loop|cycle)")
        // the wrong connection, naming both types in plain words
        .containsPattern("\\[evaluate\\.model\\][^\\n]*model[^\\n]*")
        // the missing input of Train
        .containsPattern("\\[train[^\\n]*")
        // the share out of range
        .containsPattern("\\[split \\(trainShare\\)\\][^\\n]*at most 1")
        // the block from a missing plugin
        .containsPattern("\\[sparkle\\][^\\n]*acme\\.sparkle");
  }
}
