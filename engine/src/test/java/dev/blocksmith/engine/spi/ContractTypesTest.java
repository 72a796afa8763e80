package dev.blocksmith.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed contract's parts: Port, Param, NodeSpec, Params, Inputs and Outputs. */
class ContractTypesTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final Port<Table> IN = Port.of("table", PortType.TABLE, Table.class, "Table", "Rows in.");
  static final Port<Table> EXTRA =
      Port.optional("extra", PortType.TABLE, Table.class, "Extra", "More rows.");
  static final Port<Table> OUT =
      Port.of("table", PortType.TABLE, Table.class, "Table", "Rows out.");
  static final Param<Integer> EPOCHS =
      Param.integer("epochs")
          .setLabel("Epochs")
          .setHelp("How many.")
          .optDefault(30)
          .optRange(1, 1000)
          .build();
  static final Param<Long> SEED =
      Param.longInteger("seed").setLabel("Seed").setHelp("Any number.").optDefault(1L).build();
  static final Param<Double> RATE =
      Param.number("rate").setLabel("Rate").setHelp("Step.").optDefault(0.01).build();
  static final Param<Boolean> ON =
      Param.bool("on").setLabel("On").setHelp("Whether.").optDefault(true).build();
  static final Param<String> MODE =
      Param.choice("mode")
          .setLabel("Mode")
          .setHelp("Which.")
          .addChoice("a", "A")
          .addChoice("b", "B")
          .optDefault("a")
          .build();
  static final Param<String> FILE = Param.file("file").setLabel("File").setHelp("Where.").build();
  static final Param<List<Integer>> SIZES =
      Param.integerList("sizes")
          .setLabel("Sizes")
          .setHelp("Layers.")
          .optDefault(List.of(64, 32))
          .optRange(1, 4096)
          .build();
  static final NodeSpec SPEC =
      NodeSpec.builder("test.contract")
          .setDisplayName("Contract")
          .setCategory(Category.PREPARE)
          .setSummary("Tests.")
          .setWhatItDoes("Tests the contract.")
          .addInput(IN)
          .addInput(EXTRA)
          .addOutput(OUT)
          .addParam(EPOCHS)
          .addParam(SEED)
          .addParam(RATE)
          .addParam(ON)
          .addParam(MODE)
          .addParam(FILE)
          .addParam(SIZES)
          .optWrites(FILE)
          .build();

  private static Table table(double x) {
    return Table.of(List.of(new NumberColumn("x", new double[] {x})));
  }

  @Test
  void portsCarryTheirSpecAndJavaType() {
    assertThat(IN.name()).isEqualTo("table");
    assertThat(IN.type()).isEqualTo(PortType.TABLE);
    assertThat(IN.valueType()).isEqualTo(Table.class);
    assertThat(IN.spec().optional()).isFalse();
    assertThat(EXTRA.spec().optional()).isTrue();
    assertThat(SPEC.input("extra")).contains(EXTRA.spec());
    assertThat(SPEC.output("table")).contains(OUT.spec());
  }

  @Test
  void paramsReadTheirJavaTypeWithDefaultsMergedOnce() {
    Map<String, JsonNode> given =
        Map.of(
            "epochs",
            JSON.numberNode(5),
            "seed",
            JSON.numberNode(5_000_000_000L),
            "file",
            JSON.textNode("m.bsmodel"));
    Params p = Params.of(SPEC, given);
    assertThat(p.get(EPOCHS)).isEqualTo(5);
    assertThat(p.get(SEED)).isEqualTo(5_000_000_000L); // a long stays a long
    assertThat(p.get(RATE)).isEqualTo(0.01);
    assertThat(p.get(ON)).isTrue();
    assertThat(p.get(MODE)).isEqualTo("a");
    assertThat(p.get(SIZES)).containsExactly(64, 32);
    assertThat(p.isSet(FILE)).isTrue();
    assertThat(p.path(FILE, Path.of("/g"))).isEqualTo(Path.of("/g/m.bsmodel"));
    assertThat(p.path(FILE, null)).isEqualTo(Path.of("m.bsmodel"));
    assertThat(p.values().keySet())
        .containsExactly("epochs", "seed", "rate", "on", "mode", "file", "sizes");
    Params unset = Params.of(SPEC, Map.of("file", JSON.nullNode()));
    assertThat(unset.isSet(FILE)).isFalse();
    assertThat(unset.get(FILE)).isEmpty();
  }

  @Test
  void aParamTheSpecDoesNotDeclareIsRefusedAtOnce() {
    Params p = Params.of(SPEC, Map.of());
    Param<Integer> stranger = Param.integer("other").setLabel("Other").setHelp("Not here.").build();
    assertThatThrownBy(() -> p.get(stranger))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no param named other");
    Param<Integer> lookalike =
        Param.integer("epochs").setLabel("Epochs").setHelp("Another.").optDefault(3).build();
    assertThatThrownBy(() -> p.get(lookalike))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the one declared");
  }

  @Test
  void paramBuildersCheckTheirDefaults() {
    assertThatThrownBy(
            () ->
                Param.integer("n")
                    .setLabel("N")
                    .setHelp("A number.")
                    .optDefault(0)
                    .optRange(1, 10)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("default of n");
    assertThatThrownBy(() -> Param.choice("c").setLabel("C").setHelp("Pick.").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs choices");
    assertThatThrownBy(() -> Param.text("t").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("label and help");
  }

  @Test
  void specBuilderChecksIdsNamesAndWrites() {
    NodeSpec.Builder noText = NodeSpec.builder("test.x");
    assertThatThrownBy(noText::build).hasMessageContaining("needs a display name");
    assertThatThrownBy(
            () ->
                NodeSpec.builder("Bad Id")
                    .setDisplayName("B")
                    .setCategory(Category.DATA)
                    .setSummary("S.")
                    .setWhatItDoes("W.")
                    .build())
        .hasMessageContaining("group.name");
    assertThatThrownBy(
            () ->
                NodeSpec.builder("test.dup")
                    .setDisplayName("D")
                    .setCategory(Category.DATA)
                    .setSummary("S.")
                    .setWhatItDoes("W.")
                    .addOutput(OUT)
                    .addOutput(OUT)
                    .build())
        .hasMessageContaining("duplicate output names");
    assertThat(SPEC.writes()).containsExactly("file");
    assertThat(SPEC.param("rate")).contains(RATE.spec());
    assertThat(SPEC.version()).isEqualTo(1);
  }

  @Test
  void inputsAreReadByTypedPortWithClearMessages() throws Exception {
    Inputs in = new Inputs("n1", Map.of("table", table(2)));
    assertThat(in.get(IN)).isEqualTo(table(2));
    assertThat(in.optional(EXTRA)).isEmpty();
    assertThat(in.has(IN)).isTrue();
    assertThatThrownBy(() -> in.get(EXTRA))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("Nothing arrived on input 'extra'");
    Inputs wrong = new Inputs("n1", Map.of("table", "text"));
    assertThatThrownBy(() -> wrong.get(IN))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("Input 'table' got");
  }

  @Test
  void outputsCheckEachValueAgainstItsPort() {
    assertThat(Outputs.of(OUT, table(1))).containsOnlyKeys("table");
    Port<Report> report = Port.of("report", PortType.REPORT, Report.class, "R", "A report.");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Port<Object> loose = (Port) report;
    assertThatThrownBy(() -> Outputs.builder().put(loose, table(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output 'report' needs Report but got Table");
    assertThatThrownBy(() -> Outputs.builder().put(OUT, null))
        .hasMessageContaining("output 'table' is null");
    Map<String, Object> two =
        Outputs.builder()
            .put(OUT, table(1))
            .put(
                report,
                new Report(
                    "t",
                    "classification",
                    Map.of(),
                    List.of(),
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of()))
            .build();
    assertThat(two).containsOnlyKeys("table", "report");
  }
}
