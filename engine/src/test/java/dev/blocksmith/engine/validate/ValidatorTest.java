package dev.blocksmith.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.testing.TestBlocks;
import dev.blocksmith.engine.testing.TestGraphs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {
  private final TestBlocks blocks = new TestBlocks();

  @Test
  void reportsEveryProblemAtOnceEachWithItsNode() {
    Graph g =
        TestGraphs.of("broken")
            .node("a", "test.add-one")
            .node("b", "test.add-one")
            .edge("a.table", "b.table")
            .edge("b.table", "a.table")
            .node("src", "test.source", Map.<String, JsonNode>of("value", DoubleNode.valueOf(500)))
            .node("use", "test.needs-model")
            .edge("src.table", "use.model")
            .node("lonely", "test.score")
            .node("ghost", "acme.magic", Map.<String, JsonNode>of("power", TextNode.valueOf("max")))
            .build();

    List<Problem> ps = Validator.validate(g, blocks.registry(), Path.of("."));

    assertThat(ps).allSatisfy(p -> assertThat(p.nodeId()).isNotNull());
    assertThat(ps)
        .filteredOn(p -> p.code().equals("cycle"))
        .extracting(Problem::nodeId)
        .containsExactlyInAnyOrder("a", "b");
    assertThat(ps)
        .filteredOn(p -> p.code().equals("type-mismatch"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.nodeId()).isEqualTo("use");
              assertThat(p.message())
                  .contains("'Use model' needs a model")
                  .contains("'Make number' gives a table");
            });
    assertThat(ps)
        .filteredOn(p -> p.code().equals("missing-input"))
        .singleElement()
        .satisfies(p -> assertThat(p.nodeId()).isEqualTo("lonely"));
    assertThat(ps)
        .filteredOn(p -> p.code().equals("param-range"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.nodeId()).isEqualTo("src");
              assertThat(p.param()).isEqualTo("value");
              assertThat(p.message()).contains("at most 100");
            });
    assertThat(ps)
        .filteredOn(p -> p.code().equals("unknown-block"))
        .singleElement()
        .satisfies(p -> assertThat(p.nodeId()).isEqualTo("ghost"));
    assertThat(ps).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
  }

  @Test
  void reportsEdgeAndParamMistakes() {
    Graph g =
        TestGraphs.of("edges")
            .node(
                "src",
                "test.source",
                Map.<String, JsonNode>of(
                    "value", TextNode.valueOf("ten"), "colour", TextNode.valueOf("red")))
            .node("src2", "test.source")
            .node("add", "test.add-one")
            .edge("src.table", "add.table")
            .edge("src2.table", "add.table")
            .edge("src.nope", "add.table")
            .edge("gone.table", "add.table")
            .build();

    List<String> codes =
        Validator.validate(g, blocks.registry(), null).stream().map(Problem::code).toList();

    assertThat(codes)
        .contains(
            "param-type",
            "unknown-param",
            "multiple-edges-into-input",
            "unknown-port",
            "edge-to-missing-node");
  }

  @Test
  void aGoodGraphHasNoProblems() {
    Graph g =
        TestGraphs.of("ok")
            .node("src", "test.source")
            .node("add", "test.add-one")
            .edge("src.table", "add.table")
            .build();
    assertThat(Validator.validate(g, blocks.registry(), null)).isEmpty();
  }
}
