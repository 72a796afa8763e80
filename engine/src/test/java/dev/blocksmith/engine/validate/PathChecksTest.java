package dev.blocksmith.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.home.AllowedFolders;
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
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline reads and writes only in its own folder and the folders the user allowed. */
class PathChecksTest {
  static final Port<Table> TABLE = Port.of("table", PortType.TABLE, Table.class, "Table", "Rows.");
  static final Param<String> IN =
      Param.file("in").setLabel("Data file").setHelp("What to read.").build();
  static final Param<String> OUT =
      Param.file("out").setLabel("Result file").setHelp("Where to write.").build();

  /** Reads a file (or not: validation is what is tested) and writes one. */
  static final class Copy implements NodeType {
    static final NodeSpec SPEC =
        NodeSpec.builder("test.copy")
            .setDisplayName("Copy file")
            .setCategory(Category.OUTPUT)
            .setSummary("Copies.")
            .setWhatItDoes("Copies a file.")
            .addOutput(TABLE)
            .addParam(IN)
            .addParam(OUT)
            .optWrites(OUT)
            .build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws Exception {
      if (p.isSet(OUT)) {
        Files.writeString(p.path(OUT, ctx.baseDir()), "copied");
      }
      return Outputs.of(TABLE, Table.of(List.of(new NumberColumn("x", new double[] {1}))));
    }
  }

  private final NodeRegistry registry = NodeRegistry.of(List.of(new Copy()));

  private static Graph copy(String in, String out) {
    Map<String, JsonNode> params = new LinkedHashMap<>();
    if (in != null) {
      params.put("in", TextNode.valueOf(in));
    }
    if (out != null) {
      params.put("out", TextNode.valueOf(out));
    }
    return TestGraphs.of("g").node("copy", "test.copy", params).build();
  }

  private List<Problem> problems(Graph g, Path base, PathPolicy policy) {
    return Validator.validate(g, registry, base, policy).stream()
        .filter(p -> p.code().startsWith("path-") || p.code().startsWith("output-"))
        .toList();
  }

  private static Path pipelineFolder(Path dir) throws Exception {
    Path own = Files.createDirectories(dir.resolve("shared/pipeline"));
    Files.writeString(own.resolve("data.csv"), "x\n1\n");
    Files.writeString(dir.resolve("secret.txt"), "private");
    return own;
  }

  @Test
  void dotDotTraversalOutOfThePipelineFolderIsRefusedNamingBlockParamPathAndWhatToDo(
      @TempDir Path dir) throws Exception {
    Path own = pipelineFolder(dir);
    List<Problem> ps = problems(copy("../../secret.txt", null), own, PathPolicy.confined());
    assertThat(ps)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo("path-outside");
              assertThat(p.nodeId()).isEqualTo("copy");
              assertThat(p.param()).isEqualTo("in");
              assertThat(p.message())
                  .contains("'Copy file' reads")
                  .contains(dir.toRealPath().resolve("secret.txt").toString())
                  .contains("\"Data file\"")
                  .contains("outside the pipeline's folder");
              assertThat(p.fix()).contains("--allow " + dir.toRealPath()).contains("--yes");
            });
    // A detour that stays inside is fine.
    assertThat(problems(copy("sub/../data.csv", null), own, PathPolicy.confined())).isEmpty();
  }

  @Test
  void absolutePathsOutsideAreRefusedForReadingAndWriting(@TempDir Path dir) throws Exception {
    Path own = pipelineFolder(dir);
    String secret = dir.resolve("secret.txt").toString();
    String elsewhere = dir.resolve("elsewhere/out.txt").toString();
    List<Problem> ps = problems(copy(secret, elsewhere), own, PathPolicy.confined());
    assertThat(ps).extracting(Problem::code).containsExactly("path-outside", "path-outside");
    assertThat(ps).extracting(Problem::param).containsExactly("in", "out");
    assertThat(ps.get(1).message()).contains("writes").contains(elsewhere);
    // An absolute path into the pipeline's own folder is its own.
    assertThat(problems(copy(own.resolve("data.csv").toString(), null), own, PathPolicy.confined()))
        .isEmpty();
  }

  @Test
  void aLinkInsideTheFolderThatLeadsOutIsRefused(@TempDir Path dir) throws Exception {
    Path own = pipelineFolder(dir);
    Files.createSymbolicLink(own.resolve("innocent.csv"), dir.resolve("secret.txt"));
    Files.createSymbolicLink(own.resolve("dangling.txt"), dir.resolve("new-file.txt"));
    Files.createSymbolicLink(own.resolve("up"), dir);
    List<Problem> ps = problems(copy("innocent.csv", "dangling.txt"), own, PathPolicy.confined());
    assertThat(ps).extracting(Problem::code).containsExactly("path-outside", "path-outside");
    assertThat(ps.get(0).message()).contains("innocent.csv (leads to " + dir.toRealPath());
    assertThat(ps.get(1).message()).contains("new-file.txt");
    assertThat(problems(copy("up/secret.txt", null), own, PathPolicy.confined()))
        .extracting(Problem::code)
        .containsExactly("path-outside");
  }

  @Test
  void aFolderTheUserAllowedIsAcceptedAndTheListIsKept(@TempDir Path dir) throws Exception {
    Path own = pipelineFolder(dir);
    Graph g = copy(dir.resolve("secret.txt").toString(), "../../results/out.txt");
    assertThat(problems(g, own, PathPolicy.confined().allowFolders(List.of(dir)))).isEmpty();
    assertThat(problems(g, own, PathPolicy.confined().agreeToAll())).isEmpty();
    // Agreeing to one shown path is not agreeing to the other.
    assertThat(
            problems(
                g,
                own,
                PathPolicy.confined().agreeTo(List.of(dir.resolve("secret.txt").toRealPath()))))
        .extracting(Problem::param)
        .containsExactly("out");

    Path list = dir.resolve("config/" + AllowedFolders.FILE_NAME);
    AllowedFolders.add(list, dir.resolve("data"));
    AllowedFolders.add(list, dir.resolve("data"));
    AllowedFolders.add(list, dir.resolve("more"));
    assertThat(AllowedFolders.read(list)).containsExactly(dir.resolve("data"), dir.resolve("more"));
  }

  @Test
  void anOutputOverAnInputOfTheSameRunIsRefusedEvenWithYes(@TempDir Path dir) throws Exception {
    Path own = pipelineFolder(dir);
    Files.createSymbolicLink(own.resolve("alias.csv"), own.resolve("data.csv"));
    for (String out : List.of("data.csv", "alias.csv", "./sub/../data.csv")) {
      assertThat(problems(copy("data.csv", out), own, PathPolicy.confined().agreeToAll()))
          .as(out)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.code()).isEqualTo("output-over-input");
                assertThat(p.param()).isEqualTo("out");
                assertThat(p.message()).contains("reads in the same run");
              });
    }
  }

  @Test
  void anExistingFileBlocksmithDidNotWriteIsReplacedOnlyWithAgreement(@TempDir Path dir)
      throws Exception {
    Path own = pipelineFolder(dir);
    Path notes = own.resolve("notes.txt");
    Files.writeString(notes, "the user's own notes");
    Graph g = copy(null, "notes.txt");
    assertThat(problems(g, own, PathPolicy.confined()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo("output-replaces");
              assertThat(p.message()).contains(notes.toString()).contains("did not write");
            });
    assertThat(problems(g, own, PathPolicy.confined().agreeTo(List.of(notes)))).isEmpty();

    // Once Blocksmith wrote it (the user agreed), the next run replaces it without asking ...
    try (EngineSession s = new EngineSession(registry, dir.resolve("runs"))) {
      RunOptions cpu = new RunOptions(Set.of(), "cpu", null, false);
      PathPolicy agreed = PathPolicy.confined().agreeTo(List.of(notes.toRealPath()));
      assertThat(s.start(g, own, cpu, e -> {}, agreed).result().get(30, TimeUnit.SECONDS).success())
          .isTrue();
    }
    assertThat(notes).hasContent("copied");
    assertThat(problems(g, own, PathPolicy.confined())).isEmpty();
    // ... until someone else changes it.
    Files.writeString(notes, "edited by hand, longer than before");
    assertThat(problems(g, own, PathPolicy.confined()))
        .extracting(Problem::code)
        .containsExactly("output-replaces");
  }

  private int cli(java.io.ByteArrayOutputStream out, String... args) {
    java.io.PrintStream ps = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
    return dev.blocksmith.engine.cli.Cli.execute(registry, ps, ps, args);
  }

  @Test
  void headlessValidateAndRunRefuseAPathOutsideUntilAllowedOrYes(@TempDir Path dir)
      throws Exception {
    Path own = pipelineFolder(dir);
    Path file = own.resolve("shared.json");
    Files.writeString(file, GraphJson.write(copy("../../secret.txt", "result.txt")));
    var out = new java.io.ByteArrayOutputStream();
    assertThat(cli(out, "validate", file.toString())).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("[copy (in)]")
        .contains("'Copy file' reads " + dir.toRealPath().resolve("secret.txt"))
        .contains("--allow " + dir.toRealPath())
        .contains("--yes");
    String runs = dir.resolve("runs").toString();
    out.reset();
    assertThat(cli(out, "run", file.toString(), "--runs", runs)).isEqualTo(2);
    assertThat(own.resolve("result.txt")).doesNotExist();
    out.reset();
    assertThat(cli(out, "validate", file.toString(), "--allow", dir.toString()))
        .as(out.toString(StandardCharsets.UTF_8))
        .isZero();
    out.reset();
    assertThat(cli(out, "run", file.toString(), "--runs", runs, "--yes"))
        .as(out.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(own.resolve("result.txt")).hasContent("copied");
  }

  @Test
  void aGraphBuiltInCodeHasNoFolderAndIsNotConfined(@TempDir Path dir) throws Exception {
    pipelineFolder(dir);
    assertThat(
            problems(copy(dir.resolve("secret.txt").toString(), null), null, PathPolicy.confined()))
        .isEmpty();
  }
}
