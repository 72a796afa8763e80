package com.example.blocksmith;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.BlockContract;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExamplePackTest {

  @Test
  void packIsFoundThroughServiceLoaderUnderItsNamespace() {
    NodeRegistry registry = NodeRegistry.loadDefault();
    assertThat(registry.find("example.add-noise")).isPresent();
    assertThat(registry.loadProblems()).isEmpty();
  }

  @Test
  void everyBlockFollowsTheTypedContract() {
    new ExamplePack().types().forEach(t -> assertThat(BlockContract.problems(t)).isEmpty());
  }

  @Test
  void addNoiseChangesFeaturesButNotLabels() throws Exception {
    Table t =
        Table.of(
            List.of(
                new NumberColumn("x", new double[] {1, 2, 3, 4, 5}),
                CategoryColumn.of("y", List.of("a", "b", "a", "b", "a"))),
            Map.of("y", ColumnRole.LABEL));
    AddNoise block = new AddNoise();
    TestContext ctx = new TestContext("noise");
    Map<String, Object> out =
        block.execute(
            new Inputs("noise", Map.of("table", t)), Params.of(block.spec(), Map.of()), ctx);
    Table noisy = (Table) out.get("table");
    assertThat(noisy.column("y")).isEqualTo(t.column("y"));
    assertThat(((NumberColumn) noisy.column("x").orElseThrow()).toArray())
        .isNotEqualTo(((NumberColumn) t.column("x").orElseThrow()).toArray());
    assertThat(ctx.logs()).containsExactly("Added noise to 1 number columns.");
  }
}
