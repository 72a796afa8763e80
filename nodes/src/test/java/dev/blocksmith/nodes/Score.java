package dev.blocksmith.nodes;

import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.evaluate.Evaluate;
import java.util.Map;

/** Scores models in tests through the real Evaluate block. */
public final class Score {
  private Score() {}

  /** Returns the accuracy of {@code model} on {@code data}. */
  public static double accuracy(Object model, Object data) throws Exception {
    try (TestContext ctx = new TestContext("evaluate")) {
      Report r =
          (Report)
              Run.block(new Evaluate(), Map.of("model", model, "data", data), ctx).get("report");
      return r.metrics().get("accuracy");
    }
  }
}
