package dev.blocksmith.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blocksmith.engine.graph.GraphFormatException;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import org.junit.jupiter.api.Test;

/** Whole numbers never wrap around and keys never appear twice, in every file format. */
class StrictJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void graphFormatVersionThatWrapsToTwoIsRefused() {
    assertThatThrownBy(() -> GraphJson.read("{\"formatVersion\": 4294967298, \"nodes\": []}"))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("4294967298");
  }

  @Test
  void nodeTypeVersionOutOfRangeIsRefused() {
    assertThatThrownBy(
            () ->
                GraphJson.read(
                    "{\"formatVersion\": 2, \"nodes\": [{\"id\": \"a\","
                        + " \"type\": \"x.y\", \"typeVersion\": 4294967297}]}"))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("typeVersion");
  }

  @Test
  void duplicateKeysInAGraphAreRefused() {
    assertThatThrownBy(
            () ->
                GraphJson.read(
                    "{\"formatVersion\": 2, \"nodes\": [{\"id\": \"a\","
                        + " \"type\": \"x.y\", \"params\": {\"file\": \"a.csv\", \"file\": \"/etc/passwd\"}}]}"))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("Duplicate field 'file'");
  }

  @Test
  void integerParamsOutOfIntRangeFailValidation() throws Exception {
    ParamSpec epochs =
        ParamSpec.builder("epochs", ParamType.INTEGER)
            .setLabel("Epochs")
            .setHelp("h")
            .optDefault(5)
            .optRange(1.0, 10_000.0)
            .build();
    ParamSpec free =
        ParamSpec.builder("n", ParamType.INTEGER).setLabel("N").setHelp("h").optDefault(5).build();
    JsonNode wraps = JSON.readTree("4294967298");
    assertThat(epochs.check(wraps)).isPresent();
    assertThat(free.check(JSON.readTree("123456789012345678901234567890"))).isPresent();
    assertThatThrownBy(() -> StrictJson.intValue(wraps, "\"epochs\""))
        .hasMessageContaining("\"epochs\" is 4294967298");
  }

  @Test
  void longListsFailValidation() throws Exception {
    ParamSpec hidden =
        ParamSpec.builder("hiddenSizes", ParamType.INTEGER_LIST)
            .setLabel("Hidden layers")
            .setHelp("h")
            .optDefault(64, 64)
            .optRange(1.0, 4096.0)
            .build();
    StringBuilder list = new StringBuilder("[4096");
    for (int i = 1; i < 2000; i++) {
      list.append(",4096");
    }
    assertThat(hidden.check(JSON.readTree(list.append(']').toString())))
        .hasValueSatisfying(m -> assertThat(m).contains("2000 items"));
  }

  @Test
  void architectureSizeIsEstimatedBeforeBuilding() {
    assertThatThrownBy(
            () ->
                ArchSpec.mlp(
                    java.util.List.of(100),
                    java.util.Collections.nCopies(40, 4096),
                    2,
                    ArchSpec.Task.CLASSIFICATION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numbers to learn");
    assertThat(
            ArchSpec.mlp(
                    java.util.List.of(2),
                    java.util.List.of(64, 64),
                    2,
                    ArchSpec.Task.CLASSIFICATION)
                .parameterCount())
        .isEqualTo(2 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2);
  }
}
