package dev.blocksmith.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.testing.TestBlocks;
import dev.blocksmith.engine.testing.TestGraphs;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final TestBlocks blocks = new TestBlocks();

  private Plan plan(Graph g, Set<String> targets) throws PlanException {
    return Planner.plan(g, blocks.registry(), null, targets, 42);
  }

  private static Graph graph(JsonNode amount) {
    return TestGraphs.of("g")
        .node("add", "test.add-one", Map.of("amount", amount))
        .node("src", "test.source")
        .node("other", "test.source")
        .edge("src.table", "add.table")
        .build();
  }

  @Test
  void ordersTopologicallyAndKeepsOnlyTargetsAndAncestors() throws Exception {
    assertThat(plan(graph(DoubleNode.valueOf(1)), Set.of()).order())
        .containsExactly("src", "other", "add");
    assertThat(plan(graph(DoubleNode.valueOf(1)), Set.of("add")).order())
        .containsExactly("src", "add");
  }

  @Test
  void signaturesChangeDownstreamOnlyAndFillDefaults() throws Exception {
    Plan a = plan(graph(DoubleNode.valueOf(1)), Set.of());
    Plan b = plan(graph(DoubleNode.valueOf(2)), Set.of());
    assertThat(b.step("src").orElseThrow().signature())
        .isEqualTo(a.step("src").orElseThrow().signature());
    assertThat(b.step("add").orElseThrow().signature())
        .isNotEqualTo(a.step("add").orElseThrow().signature());
    Graph defaults =
        TestGraphs.of("g")
            .node("add", "test.add-one")
            .node("src", "test.source")
            .node("other", "test.source")
            .edge("src.table", "add.table")
            .build();
    // The default amount is 1.0; an explicit integer 1 is a different JSON value on purpose.
    assertThat(plan(defaults, Set.of()).step("add").orElseThrow().signature())
        .isEqualTo(a.step("add").orElseThrow().signature())
        .isNotEqualTo(
            plan(graph(IntNode.valueOf(1)), Set.of()).step("add").orElseThrow().signature());
  }
}
