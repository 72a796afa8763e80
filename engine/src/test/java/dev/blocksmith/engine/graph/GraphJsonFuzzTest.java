package dev.blocksmith.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Graph files come from other people: whatever the bytes, reading one either gives a graph that
 * writes back and reads again to the same graph, or a {@link GraphFormatException} with a message —
 * never another exception. In the normal build this replays the seed corpus in {@code
 * GraphJsonFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class GraphJsonFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readingAnyBytesGivesAGraphOrAClearError(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Graph graph;
    try {
      graph = GraphJson.read(text);
    } catch (GraphFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    String written = GraphJson.write(graph);
    try {
      assertThat(GraphJson.write(GraphJson.read(written))).isEqualTo(written);
    } catch (GraphFormatException e) {
      throw new AssertionError("a written graph must read back: " + e.getMessage(), e);
    }
  }
}
