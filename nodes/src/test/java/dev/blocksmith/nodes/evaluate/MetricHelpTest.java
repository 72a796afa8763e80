package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.text.MetricHelp;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.train.Train;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every metric that Evaluate and Explain report has a help sentence. */
class MetricHelpTest {

  @Test
  void everyReportedMetricHasHelp() throws Exception {
    List<Report> reports = new ArrayList<>();
    try (TestContext ctx = new TestContext("help")) {
      for (String dataset : List.of("loans", "house-prices", "moons")) {
        Object data =
            Run.block(new SampleData(), Map.of(), ctx, "dataset", dataset, "size", 200).get("data");
        Object model = Run.block(new Train(), Map.of("train", data), ctx, "epochs", 2).get("model");
        reports.add(
            (Report)
                Run.block(new Evaluate(), Map.of("model", model, "data", data), ctx).get("report"));
        reports.add(
            (Report)
                Run.block(new Explain(), Map.of("model", model, "data", data), ctx, "repeats", 1)
                    .get("report"));
      }
    }
    List<String> names = reports.stream().flatMap(r -> r.metrics().keySet().stream()).toList();
    assertThat(names)
        .contains(
            "ROC AUC",
            "PR AUC",
            "r2",
            "importance of income_k",
            "accuracy before shuffling",
            "R² before shuffling");
    assertThat(names).allSatisfy(m -> assertThat(MetricHelp.of(m)).as(m).isPresent());
    assertThat(MetricHelp.of("no such metric")).isEmpty();
  }
}
