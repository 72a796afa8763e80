package dev.blocksmith.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.plan.Plan;
import dev.blocksmith.engine.plan.Planner;
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
import dev.blocksmith.engine.testing.TestBlocks;
import dev.blocksmith.engine.testing.TestGraphs;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph is validated and resolved once; versions are checked; big graphs do not recurse. */
class ResolvedGraphTest {
  private static final RunOptions CPU = new RunOptions(Set.of(), "cpu", null, false);

  /** Version 2 of a block that renamed "old" to "value"; records every Params it is handed. */
  static final class Versioned implements NodeType {
    static final Port<Table> OUT =
        Port.of("table", PortType.TABLE, Table.class, "Table", "The number as a table.");
    static final Param<Double> VALUE =
        Param.number("value").setLabel("Value").setHelp("The number.").optDefault(1.0).build();
    static final NodeSpec SPEC =
        NodeSpec.builder("test.versioned")
            .setDisplayName("Versioned")
            .setCategory(Category.DATA)
            .setSummary("Versioned.")
            .setWhatItDoes("Tests versions.")
            .optVersion(2)
            .addOutput(OUT)
            .addParam(VALUE)
            .build();
    final Set<Params> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<Integer> migratedFrom = Collections.synchronizedList(new ArrayList<>());

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, JsonNode> migrateParams(int savedVersion, Map<String, JsonNode> params) {
      migratedFrom.add(savedVersion);
      Map<String, JsonNode> out = new LinkedHashMap<>(params);
      if (out.containsKey("old")) {
        out.put("value", out.remove("old"));
      }
      return out;
    }

    @Override
    public Map<String, PortType> inferOutputs(Map<String, PortType> in, Params params) {
      seen.add(params);
      return Map.of();
    }

    @Override
    public List<ParamProblem> checkParams(Params params, Path baseDir) {
      seen.add(params);
      return List.of();
    }

    @Override
    public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx) {
      seen.add(params);
      return Outputs.of(
          OUT, Table.of(List.of(new NumberColumn("x", new double[] {params.get(VALUE)}))));
    }
  }

  private static Graph one(int version, Map<String, JsonNode> params) {
    return new Graph(
        "g",
        "",
        List.of(new Node("v", "test.versioned", version, null, params)),
        List.of(),
        Layout.EMPTY,
        Map.of());
  }

  @Test
  void paramsAreBuiltOnceAndSharedByChecksTypeCheckPlanAndRun(@TempDir Path runs) throws Exception {
    Versioned block = new Versioned();
    NodeRegistry registry = NodeRegistry.of(List.of(block));
    Graph g = one(2, Map.of("value", DoubleNode.valueOf(3)));
    try (EngineSession session = new EngineSession(registry, runs)) {
      RunResult r = session.start(g, null, CPU, e -> {}).result().get(30, TimeUnit.SECONDS);
      assertThat(r.success()).isTrue();
    }
    assertThat(block.seen).hasSize(1);
    ResolvedGraph resolved = Validator.resolve(g, registry, null);
    Plan plan = Planner.plan(resolved, Set.of(), 1);
    assertThat(plan.step("v").orElseThrow().params())
        .isSameAs(resolved.resolved("v").orElseThrow().params());
  }

  @Test
  void aNodeSavedByANewerBlockVersionIsAClearProblem() {
    List<Problem> ps =
        Validator.validate(one(3, Map.of()), NodeRegistry.of(List.of(new Versioned())), null);
    assertThat(ps)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo("newer-block");
              assertThat(p.isWarning()).isFalse();
              assertThat(p.nodeId()).isEqualTo("v");
              assertThat(p.message())
                  .contains("version 3")
                  .contains("installed block is version 2");
            });
  }

  @Test
  void aNodeSavedByAnOlderBlockVersionGoesThroughTheBlocksMigration() {
    Versioned block = new Versioned();
    ResolvedGraph r =
        Validator.resolve(
            one(1, Map.of("old", DoubleNode.valueOf(7))), NodeRegistry.of(List.of(block)), null);
    assertThat(r.problems()).isEmpty(); // "old" was renamed, so no unknown-param warning
    assertThat(block.migratedFrom).containsExactly(1);
    assertThat(r.resolved("v").orElseThrow().params().get(Versioned.VALUE)).isEqualTo(7.0);
  }

  @Test
  void theDefaultMigrationKeepsParamsUnchanged() {
    NodeType plain = new TestBlocks().source;
    Map<String, JsonNode> params = Map.of("value", DoubleNode.valueOf(4));
    assertThat(plain.migrateParams(0, params)).isSameAs(params);
  }

  @Test
  void aTenThousandNodeChainValidatesAndPlansWithoutStackOverflow() throws Exception {
    TestBlocks blocks = new TestBlocks();
    int n = 10_000;
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.of("n0", "test.source"));
    for (int i = 1; i < n; i++) {
      nodes.add(Node.of("n" + i, "test.add-one"));
      edges.add(Edge.of("n" + (i - 1) + ".table", "n" + i + ".table"));
    }
    Graph chain = new Graph("chain", "", nodes, edges, Layout.EMPTY, Map.of());
    ResolvedGraph r = Validator.resolve(chain, blocks.registry(), null);
    assertThat(r.problems()).isEmpty();
    assertThat(Planner.plan(r, Set.of("n" + (n - 1)), 1).steps()).hasSize(n);

    Graph loop =
        new Graph(
            "loop",
            "",
            nodes.subList(1, n),
            concat(edges.subList(1, n - 1), Edge.of("n" + (n - 1) + ".table", "n1.table")),
            Layout.EMPTY,
            Map.of());
    assertThat(Validator.validate(loop, blocks.registry(), null))
        .filteredOn(p -> p.code().equals("cycle"))
        .hasSize(n - 1);
  }

  private static List<Edge> concat(List<Edge> a, Edge b) {
    List<Edge> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }

  @Test
  void ancestorsUseTheIndex() {
    Graph g =
        TestGraphs.of("g")
            .node("a", "test.source")
            .node("b", "test.add-one")
            .node("c", "test.source")
            .edge("a.table", "b.table")
            .build();
    ResolvedGraph r = Validator.resolve(g, new TestBlocks().registry(), null);
    assertThat(r.ancestors(Set.of("b"))).containsExactlyInAnyOrder("a", "b");
  }
}
