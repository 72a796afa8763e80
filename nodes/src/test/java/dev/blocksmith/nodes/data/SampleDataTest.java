package dev.blocksmith.nodes.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.Run;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleDataTest {
  private static Object sample(Object... params) throws Exception {
    try (TestContext ctx = new TestContext("sample")) {
      return Run.block(new SampleData(), Map.of(), ctx, params).get("data");
    }
  }

  @Test
  void tablesMarkTheirLabelAndAreDeterministic() throws Exception {
    Table spirals = (Table) sample("dataset", "spirals", "size", 100);
    assertThat(spirals.rowCount()).isEqualTo(100);
    assertThat(spirals.labelColumn().orElseThrow().name()).isEqualTo("class");
    assertThat(sample("dataset", "spirals", "size", 100)).isEqualTo(spirals);
    assertThat(sample("dataset", "spirals", "size", 100, "seed", 2)).isNotEqualTo(spirals);
    assertThat(((Table) sample("dataset", "moons", "size", 50)).columnNames())
        .containsExactly("x", "y", "class");
  }

  @Test
  void digitsAreBalancedVariedImages() throws Exception {
    ImageSet digits = (ImageSet) sample("dataset", "digits", "size", 1000);
    assertThat(digits.size()).isEqualTo(1000);
    assertThat(digits.classCounts()).containsOnly(100);
    assertThat(digits.width()).isEqualTo(28);
    int lit = 0;
    for (byte b : digits.image(7)) {
      lit += (b & 0xFF) > 128 ? 1 : 0;
    }
    assertThat(lit).as("a drawn digit lights up some pixels").isBetween(20, 400);
    assertThat(digits.image(7)).isNotEqualTo(digits.image(17)); // two 7s, drawn differently
    assertThat(((ImageSet) sample("dataset", "digits", "size", 1000)).image(7))
        .isEqualTo(digits.image(7));
  }

  @Test
  void outputTypeFollowsTheDataset() {
    SampleData block = new SampleData();
    Params digits =
        Params.of(
            block.spec(),
            Map.of("dataset", com.fasterxml.jackson.databind.node.TextNode.valueOf("digits")));
    assertThat(block.inferOutputs(Map.of(), digits)).containsEntry("data", PortType.IMAGES);
    assertThat(block.inferOutputs(Map.of(), Params.of(block.spec(), Map.of())))
        .containsEntry("data", PortType.TABLE);
  }
}
