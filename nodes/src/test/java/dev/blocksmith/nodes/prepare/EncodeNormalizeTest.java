package dev.blocksmith.nodes.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Recipe;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodeNormalizeTest {
  private final TestContext ctx = new TestContext("test").withBaseDir(Path.of("."));
  private final Table table =
      Table.of(
          List.of(
              new NumberColumn("size", new double[] {50, 80, 120}),
              new NumberColumn("rooms", new double[] {2, 3, 5}),
              CategoryColumn.of("city", List.of("Rome", "Oslo", "Rome"))));

  private Map<String, Object> run(NodeType block, String... params) throws Exception {
    Map<String, JsonNode> given = new java.util.HashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      given.put(
          params[i],
          params[i + 1].matches("\\d+")
              ? JsonNodeFactory.instance.numberNode(Integer.parseInt(params[i + 1]))
              : JsonNodeFactory.instance.textNode(params[i + 1]));
    }
    return block.execute(
        new Inputs("n1", Map.of("table", table)), Params.of(block.spec(), given), ctx);
  }

  @Test
  void normalizeRecordsTheChoiceWithoutTouchingValues() throws Exception {
    Map<String, Object> out =
        run(new Normalize(), Normalize.METHOD.name(), "min-max", Normalize.COLUMNS.name(), "size");
    Table t = (Table) out.get("table");
    assertThat(t.recipe().scalingOf("size")).isEqualTo(Recipe.Scaling.MIN_MAX);
    assertThat(t.recipe().scaling()).doesNotContainKey("rooms");
    assertThat(t.columns()).isEqualTo(table.columns());
    assertThat(ctx.logText())
        .contains("Min–max scaling (0 to 1) chosen for \"size\"")
        .contains(Normalize.LEAKAGE_NOTE);
    assertThat(((Report) out.get("report")).findings())
        .extracting(f -> f.message())
        .contains(Normalize.LEAKAGE_NOTE);
  }

  @Test
  void normalizeDefaultsToAllNumberFeatures() throws Exception {
    Table t = (Table) run(new Normalize(), Normalize.METHOD.name(), "none").get("table");
    assertThat(t.recipe().scaling()).containsOnlyKeys("size", "rooms");
    assertThat(t.recipe().scalingOf("rooms")).isEqualTo(Recipe.Scaling.NONE);
  }

  @Test
  void normalizeRefusesCategoryColumns() {
    assertThatThrownBy(() -> run(new Normalize(), Normalize.COLUMNS.name(), "city"))
        .isInstanceOf(NodeException.class)
        .hasMessage("Column \"city\" holds categories, but Normalize works on numbers.");
  }

  @Test
  void encodeRecordsOrdinalAndTheCap() throws Exception {
    Table t =
        (Table)
            run(new Encode(), Encode.METHOD.name(), "ordinal", Encode.MAX_VALUES.name(), "7")
                .get("table");
    assertThat(t.recipe().encodingOf("city")).isEqualTo(Recipe.Encoding.ORDINAL);
    assertThat(t.recipe().maxOneHot()).isEqualTo(7);
    assertThat(ctx.logText())
        .contains("Ordinal encoding chosen for \"city\" (2 values)")
        .contains(Encode.LEAKAGE_NOTE);
  }

  @Test
  void encodeWarnsAboutMoreValuesThanTheCap() throws Exception {
    run(new Encode(), Encode.MAX_VALUES.name(), "2");
    assertThat(ctx.logText()).doesNotContain("different values");
    Table many = Table.of(List.of(CategoryColumn.of("zip", List.of("1", "2", "3", "4"))));
    new Encode()
        .execute(
            new Inputs("n1", Map.of("table", many)),
            Params.of(
                new Encode().spec(),
                Map.of(Encode.MAX_VALUES.name(), JsonNodeFactory.instance.numberNode(2))),
            ctx);
    assertThat(ctx.logText()).contains("\"zip\" has 4 different values; only the 2 most frequent");
  }
}
