package dev.blocksmith.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Outputs;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.testing.TestGraphs;
import dev.blocksmith.engine.validate.PathPolicy;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine, not each block, keeps answers fresh: path params and declared writes. */
class FreshnessTest {
  private static final RunOptions CPU = new RunOptions(Set.of(), "cpu", null, false);
  static final Port<Table> TABLE =
      Port.of("table", PortType.TABLE, Table.class, "Table", "How many files it saw.");
  static final Param<String> FOLDER =
      Param.folder("folder").setLabel("Folder").setHelp("Where to count files.").build();
  static final Param<String> OUT =
      Param.file("out").setLabel("Out").setHelp("Where to write.").build();

  /** Counts the files of a folder; declares no fingerprint of its own. */
  static final class CountFiles implements NodeType {
    static final NodeSpec SPEC =
        NodeSpec.builder("test.count-files")
            .setDisplayName("Count")
            .setCategory(Category.DATA)
            .setSummary("Counts.")
            .setWhatItDoes("Counts files.")
            .addOutput(TABLE)
            .addParam(FOLDER)
            .build();
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws Exception {
      runs.incrementAndGet();
      try (var files = Files.list(p.path(FOLDER, ctx.baseDir()))) {
        return Outputs.of(
            TABLE, Table.of(List.of(new NumberColumn("x", new double[] {files.count()}))));
      }
    }
  }

  /** Writes a file and declares it. */
  static final class WriteFile implements NodeType {
    static final NodeSpec SPEC =
        NodeSpec.builder("test.write-file")
            .setDisplayName("Write")
            .setCategory(Category.OUTPUT)
            .setSummary("Writes.")
            .setWhatItDoes("Writes a file.")
            .addOutput(TABLE)
            .addParam(OUT)
            .optWrites(OUT)
            .build();
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws Exception {
      runs.incrementAndGet();
      Files.writeString(p.path(OUT, ctx.baseDir()), "written " + runs.get());
      return Outputs.of(TABLE, Table.of(List.of(new NumberColumn("x", new double[] {1}))));
    }
  }

  private static boolean run(EngineSession s, Graph g, Path base) throws Exception {
    return s.start(g, base, CPU, e -> {}).result().get(30, TimeUnit.SECONDS).success();
  }

  @Test
  void addingAFileToAFolderParamReRunsTheBlockInTheSameSession(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("pics"));
    Files.writeString(dir.resolve("pics/a.png"), "a");
    CountFiles block = new CountFiles();
    Graph g =
        TestGraphs.of("g")
            .node(
                "count",
                "test.count-files",
                Map.<String, JsonNode>of("folder", TextNode.valueOf("pics")))
            .build();
    try (EngineSession s = new EngineSession(NodeRegistry.of(List.of(block)), dir.resolve("r"))) {
      assertThat(run(s, g, dir)).isTrue();
      assertThat(run(s, g, dir)).isTrue();
      assertThat(block.runs).hasValue(1); // unchanged folder: from the cache
      Files.writeString(dir.resolve("pics/b.png"), "b");
      assertThat(run(s, g, dir)).isTrue();
      assertThat(block.runs).hasValue(2);
    }
  }

  @Test
  void aBlockThatWritesAFileRunsAgainWhenTheFileIsDeletedOrChanged(@TempDir Path dir)
      throws Exception {
    WriteFile block = new WriteFile();
    Graph g =
        TestGraphs.of("g")
            .node(
                "w",
                "test.write-file",
                Map.<String, JsonNode>of("out", TextNode.valueOf("out.txt")))
            .build();
    Path out = dir.resolve("out.txt");
    try (EngineSession s = new EngineSession(NodeRegistry.of(List.of(block)), dir.resolve("r"))) {
      assertThat(run(s, g, dir)).isTrue();
      assertThat(run(s, g, dir)).isTrue();
      assertThat(block.runs).hasValue(1); // what it wrote is still there: from the cache
      Files.delete(out);
      assertThat(run(s, g, dir)).isTrue();
      assertThat(block.runs).hasValue(2);
      assertThat(out).hasContent("written 2");
      Files.writeString(out, "someone else's text");
      // Not what Blocksmith wrote any more: replaced only when the user agrees.
      assertThat(run(s, g, dir)).isFalse();
      assertThat(s.lastProblems()).extracting(p -> p.code()).containsExactly("output-replaces");
      assertThat(out).hasContent("someone else's text");
      assertThat(
              s.start(g, dir, CPU, e -> {}, PathPolicy.standard().agreeToAll())
                  .result()
                  .get(30, TimeUnit.SECONDS)
                  .success())
          .isTrue();
      assertThat(block.runs).hasValue(3);
      assertThat(out).hasContent("written 3");
    }
  }

  @Test
  void aSpecMayOnlyDeclareWritesOfItsOwnPathParams() {
    Param<String> text = Param.text("name").setLabel("Name").setHelp("A name.").build();
    assertThatThrownBy(
            () ->
                NodeSpec.builder("test.bad")
                    .setDisplayName("Bad")
                    .setCategory(Category.OUTPUT)
                    .setSummary("Bad.")
                    .setWhatItDoes("Bad.")
                    .addParam(text)
                    .optWrites(text)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not one of its file");
  }
}
