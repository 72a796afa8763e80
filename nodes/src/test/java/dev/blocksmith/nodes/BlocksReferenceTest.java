package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/blocks.md} is generated from the block registry ({@code blocksmith blocks
 * --markdown}), so it never drifts: this test fails when a block's texts change and the file was
 * not regenerated. Regenerate with {@code -Dblocksmith.regenerate=true} in the test JVM arguments.
 */
class BlocksReferenceTest {
  private static final Path FILE = Path.of("..", "docs", "blocks.md");

  @Test
  void docsBlocksMdMatchesTheRegistry() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadDefault(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            "blocks",
            "--markdown");
    assertThat(code).isZero();
    String generated = out.toString(StandardCharsets.UTF_8);
    if (Boolean.getBoolean("blocksmith.regenerate")) {
      Files.writeString(FILE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as("docs/blocks.md is stale: regenerate it (see this test's Javadoc)")
        .isEqualTo(generated);
  }
}
