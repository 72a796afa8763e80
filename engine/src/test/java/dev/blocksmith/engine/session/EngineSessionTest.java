package dev.blocksmith.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunHandle;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.testing.TestBlocks;
import dev.blocksmith.engine.testing.TestGraphs;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSessionTest {
  private static final RunOptions CPU = new RunOptions(Set.of(), "cpu", null, false);

  @TempDir Path runs;
  private final TestBlocks blocks = new TestBlocks();

  @Test
  void aGraphWithProblemsIsRefusedAndNothingRuns() throws Exception {
    Graph g =
        TestGraphs.of("bad").node("src", "test.source").node("lonely", "test.add-one").build();
    List<RunEvent> events = new CopyOnWriteArrayList<>();
    try (EngineSession s = new EngineSession(blocks.registry(), runs)) {
      RunHandle h = s.start(g, runs, CPU, events::add);
      RunResult r = h.result().get(5, TimeUnit.SECONDS);
      assertThat(r.success()).isFalse();
      assertThat(r.messages()).containsKey("lonely");
      assertThat(s.problems(h.runId())).extracting(p -> p.code()).containsExactly("missing-input");
      assertThat(s.lastProblems()).hasSize(1);
      assertThat(events).singleElement().isInstanceOf(RunEvent.RunFinished.class);
      assertThat(blocks.source.runs).hasValue(0);
    }
  }

  @Test
  void runningToATargetRunsOnlyItsAncestorsAndIgnoresProblemsElsewhere() throws Exception {
    Graph g =
        TestGraphs.of("partial")
            .node("src", "test.source")
            .node("add", "test.add-one")
            .edge("src.table", "add.table")
            .node("lonely", "test.score")
            .build();
    try (EngineSession s = new EngineSession(blocks.registry(), runs)) {
      RunResult r =
          s.start(g, runs, CPU.withTargets(Set.of("src")), e -> {})
              .result()
              .get(5, TimeUnit.SECONDS);
      assertThat(r.success()).isTrue();
      assertThat(r.statuses()).containsOnlyKeys("src");
      assertThat(s.cachedOutputs(g, runs, CPU, "src")).isPresent();
      assertThat(s.cachedOutputs(g, runs, CPU, "add")).isEmpty();
    }
  }
}
