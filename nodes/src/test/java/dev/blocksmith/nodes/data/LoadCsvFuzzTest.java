package dev.blocksmith.nodes.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whatever bytes a CSV file holds, Load CSV either gives a table or fails with a {@link
 * NodeException} that names the file — never an unexplained exception. The normal build replays the
 * seed corpus in {@code LoadCsvFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class LoadCsvFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void anyFileGivesATableOrANamedError(byte[] data) throws Exception {
    Path dir = Files.createTempDirectory("csv-fuzz");
    Path file = dir.resolve("fuzz.csv");
    try {
      Files.write(file, data);
      LoadCsv block = new LoadCsv();
      Params params =
          Params.of(
              block.spec(),
              Map.of(
                  LoadCsv.FILE.name(),
                  JsonNodeFactory.instance.textNode(file.toString()),
                  LoadCsv.SKIP_BAD_ROWS.name(),
                  JsonNodeFactory.instance.booleanNode(data.length % 2 == 0)));
      try (TestContext ctx = new TestContext("load")) {
        Map<String, Object> out = block.execute(new Inputs("load", Map.of()), params, ctx);
        assertThat(out.get("table")).isInstanceOf(Table.class);
      } catch (NodeException e) {
        assertThat(e.getMessage()).isNotBlank().contains("fuzz.csv");
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }
}
