package dev.blocksmith.editor.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A graph's optional "run" section sets device and seed; "Run to here" sets the targets. */
class RunSettingsTest {
  @Test
  void defaultsWhenTheGraphSaysNothing() {
    RunOptions o = RunSettings.of(Graph.EMPTY, Set.of("split"));
    assertThat(o.targets()).containsExactly("split");
    assertThat(o.device()).isNull();
    assertThat(o.effectiveSeed()).isEqualTo(RunOptions.DEFAULT_SEED);
  }

  @Test
  void readsDeviceAndSeed() throws Exception {
    var run = new ObjectMapper().readTree("{\"device\": \"cpu\", \"seed\": 7}");
    Graph g =
        new Graph("g", "", Graph.EMPTY.nodes(), Graph.EMPTY.edges(), null, Map.of("run", run));
    RunOptions o = RunSettings.of(g, Set.of());
    assertThat(o.device()).isEqualTo("cpu");
    assertThat(o.seed()).isEqualTo(7L);
    var auto = new ObjectMapper().readTree("{\"device\": \"auto\"}");
    assertThat(
            RunSettings.of(
                    new Graph(
                        "g",
                        "",
                        Graph.EMPTY.nodes(),
                        Graph.EMPTY.edges(),
                        null,
                        Map.of("run", auto)),
                    Set.of())
                .device())
        .isNull();
  }
}
