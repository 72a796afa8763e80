package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.coach.Fixes;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.value.Fix;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FixesTest {
  private static final NodeRegistry REGISTRY = NodeRegistry.loadDefault();

  private static Graph firstModel() throws Exception {
    return GraphJson.read(Path.of("..", "graphs", "first-model.json"));
  }

  @Test
  void setsTheParamOfTheNearestUpstreamBlockAndPrintsASetLine() throws Exception {
    Graph g = firstModel();
    Fix fix = Fix.set("train.train", "dropout", "0.2", "add dropout 0.2 in Train");
    assertThat(Fixes.cliLine(g, REGISTRY, "evaluate", fix)).startsWith("--set train.dropout=0.2");
    Graph fixed = Fixes.apply(g, REGISTRY, "evaluate", fix);
    assertThat(fixed.node("train").orElseThrow().params().get("dropout").asDouble()).isEqualTo(0.2);
    assertThat(fixed.nodes()).hasSameSizeAs(g.nodes());
  }

  @Test
  void aParamOfAnotherBlockTypeFallsBackToTheBlockThatHasIt() throws Exception {
    Graph g = firstModel();
    Fix fix = Fix.set("train.fine-tune", "epochs", "80", "train for 80 epochs");
    assertThat(Fixes.target(g, REGISTRY, "evaluate", fix)).contains("train");
  }

  @Test
  void insertsABlockBeforeTheTarget() throws Exception {
    Graph g = firstModel();
    Fix fix = new Fix("prepare.split", "perClass", "40", "prepare.filter-classes", "balance");
    assertThat(Fixes.cliLine(g, REGISTRY, "evaluate", fix))
        .startsWith("insert a 'Keep classes' block before 'split' with perClass = 40");
    Graph fixed = Fixes.apply(g, REGISTRY, "evaluate", fix);
    assertThat(fixed.nodes()).hasSize(g.nodes().size() + 1);
    assertThat(fixed.edges())
        .contains(
            Edge.of("sample.data", "filter-classes.data"),
            Edge.of("filter-classes.data", "split.data"));
    assertThat(fixed.edges()).doesNotContain(Edge.of("sample.data", "split.data"));
    assertThat(fixed.node("filter-classes").orElseThrow().params().get("perClass").asInt())
        .isEqualTo(40);
  }

  @Test
  void aFixThatDoesNotFitIsAnInstructionAndRefusesToApply() throws Exception {
    Graph g = firstModel();
    Fix fix = Fix.set("prepare.clean", "dropColumns", "\"id\"", "drop the column id with Clean");
    assertThat(Fixes.applicable(g, REGISTRY, "evaluate", fix)).isFalse();
    assertThat(Fixes.cliLine(g, REGISTRY, "evaluate", fix))
        .isEqualTo("drop the column id with Clean");
    assertThatThrownBy(() -> Fixes.apply(g, REGISTRY, "evaluate", fix))
        .hasMessageContaining("does not fit");
  }
}
