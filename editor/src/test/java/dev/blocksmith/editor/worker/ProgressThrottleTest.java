package dev.blocksmith.editor.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.exec.RunEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-batch progress is thinned out; everything else, and the final progress, always passes. */
class ProgressThrottleTest {
  private static final long MS = 1_000_000L;

  @Test
  void dropsProgressThatFollowsTooCloselyButKeepsOtherEventsAndTheEnd() {
    ProgressThrottle t = new ProgressThrottle(80);
    assertThat(t.pass(progress("train", 0.01), 0)).isTrue();
    assertThat(t.pass(progress("train", 0.02), 10 * MS)).isFalse();
    assertThat(t.pass(progress("split", 0.5), 10 * MS)).as("another node").isTrue();
    assertThat(t.pass(new RunEvent.NodeMetric("r", "train", "train loss", 1, 0.5), 11 * MS))
        .isTrue();
    assertThat(t.pass(progress("train", 0.03), 90 * MS)).isTrue();
    assertThat(t.pass(progress("train", 1.0), 91 * MS)).as("the end").isTrue();
    assertThat(t.pass(new RunEvent.NodeFinished("r", "train", 5, Map.of()), 92 * MS)).isTrue();
  }

  private static RunEvent progress(String node, double f) {
    return new RunEvent.NodeProgress("r", node, f, "Epoch");
  }
}
