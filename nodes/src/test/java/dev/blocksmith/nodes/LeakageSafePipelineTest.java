package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.commons.statistics.descriptive.Mean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the shipped house-prices pipeline (Load CSV → Clean → Encode → Normalize → Split → Train →
 * Evaluate), the normalization statistics stored in the model are those of the training part, not
 * of the whole file: Normalize sits before Split on the canvas, yet nothing leaks from test rows.
 */
class LeakageSafePipelineTest {

  @Test
  void normalizationStatisticsComeFromTheTrainingPartOnly(@TempDir Path runs) throws Exception {
    Path file = Path.of("..", "graphs", "house-prices.json").toAbsolutePath().normalize();
    Graph graph = AllGraphsTest.small(GraphJson.read(file));
    RunResult result;
    try (EngineSession session = new EngineSession(NodeRegistry.loadDefault(), runs)) {
      result =
          session
              .start(graph, file.getParent(), new RunOptions(null, "cpu", null, false), e -> {})
              .result()
              .get(3, TimeUnit.MINUTES);
    }
    assertThat(result.success()).as(result.messages().toString()).isTrue();

    TrainedModel model = (TrainedModel) result.output("train", "model");
    ColumnStep size =
        model.preprocessing().steps().stream()
            .filter(s -> s.column().equals("size_m2"))
            .findFirst()
            .orElseThrow();
    double trainMean = mean((Table) result.output("split", "train"), "size_m2");
    double wholeMean = mean((Table) result.output("normalize", "table"), "size_m2");

    assertThat(size.center()).isCloseTo(trainMean, within(1e-6));
    assertThat(Math.abs(trainMean - wholeMean))
        .as("the parts differ, so the test can tell")
        .isGreaterThan(1e-3);
  }

  private static double mean(Table t, String column) {
    NumberColumn c = (NumberColumn) t.column(column).orElseThrow();
    Mean m = Mean.create();
    for (int i = 0; i < c.size(); i++) {
      if (!c.isMissing(i)) {
        m.accept(c.get(i));
      }
    }
    return m.getAsDouble();
  }
}
