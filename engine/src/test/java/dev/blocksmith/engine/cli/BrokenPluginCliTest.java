package dev.blocksmith.engine.cli;

import static dev.blocksmith.engine.testing.PluginJarMaker.packSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.registry.PluginJars;
import dev.blocksmith.engine.registry.PluginTrust;
import dev.blocksmith.engine.testing.PluginJarMaker;
import dev.blocksmith.engine.testing.TestBlocks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trusted plugin whose block spec throws is listed with its error; every command still works. */
class BrokenPluginCliTest {
  @TempDir static Path dir;
  private static NodeRegistry registry;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeAll
  static void installBrokenPlugin() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    new PluginJarMaker()
        .source(
            "boom.Block",
            "package boom;\n"
                + "import dev.blocksmith.engine.spi.*;\n"
                + "public class Block implements NodeType {\n"
                + "  public NodeSpec spec() { throw new IllegalStateException(\"no spec today\"); }\n"
                + "  public java.util.Map<String, Object> execute(Inputs i, Params p,"
                + " NodeContext c) { return java.util.Map.of(); }\n"
                + "}\n")
        .source("boom.Pack", packSource("boom", "Pack", "boom", "java.util.List.of(new Block())"))
        .pack("boom.Pack")
        .write(plugins.resolve("boom.jar"));
    PluginTrust.trust(plugins, PluginJars.find(plugins).get(0));
    registry = PluginJars.loadRegistry(plugins, new TestBlocks().registry().all());
  }

  private int cli(String... args) {
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    return Cli.execute(registry, ps, ps, args);
  }

  @Test
  void helpBlocksAndRunsWorkBesideAPluginWhoseSpecThrows() throws Exception {
    assertThat(cli("--help")).isZero();
    assertThat(cli("blocks")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("test.source");
    Path graph =
        Files.writeString(
            dir.resolve("g.json"),
            """
            {"formatVersion": 2, "name": "tiny",
             "nodes": [{"id": "src", "type": "test.source", "params": {"value": 0.5}},
                       {"id": "score", "type": "test.score"}],
             "edges": [{"from": "src.table", "to": "score.table"}]}
            """);
    assertThat(
            cli(
                "run",
                graph.toString(),
                "--device",
                "cpu",
                "--runs",
                dir.resolve("runs").toString()))
        .isZero();
  }

  @Test
  void pluginsListsThePackWithItsError() {
    assertThat(cli("plugins", "--dir", dir.resolve("plugins").toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("boom.jar  trusted  SHA-256 ")
        .contains("Pack (boom.jar): FAILED, 0 blocks")
        .contains("no spec today");
  }
}
