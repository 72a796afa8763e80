package dev.blocksmith.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.testing.TestBlocks;
import dev.blocksmith.engine.testing.TestGraphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {
  private static final RunOptions CPU = new RunOptions(java.util.Set.of(), "cpu", null, false);

  @TempDir Path runs;
  private TestBlocks blocks;
  private EngineSession session;
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    blocks = new TestBlocks();
    session = new EngineSession(blocks.registry(), runs);
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private RunResult run(Graph g) throws Exception {
    return session.start(g, runs, CPU, events::add).result().get(20, TimeUnit.SECONDS);
  }

  private static Graph chain(double amount) {
    return TestGraphs.of("chain")
        .node("src", "test.source")
        .node("add", "test.add-one", Map.<String, JsonNode>of("amount", DoubleNode.valueOf(amount)))
        .edge("src.table", "add.table")
        .build();
  }

  @Test
  void changingOnlyADownstreamParamReusesUpstreamFromTheCache() throws Exception {
    RunResult first = run(chain(1));
    assertThat(first.success()).isTrue();
    events.clear();

    RunResult second = run(chain(5));

    assertThat(second.success()).isTrue();
    assertThat(blocks.source.runs).hasValue(1);
    assertThat(blocks.addOne.runs).hasValue(2);
    assertThat(second.statuses())
        .containsEntry("src", NodeStatus.CACHED)
        .containsEntry("add", NodeStatus.DONE);
    assertThat(events)
        .anyMatch(e -> e instanceof RunEvent.NodeCached c && c.nodeId().equals("src"));
    assertThat(events)
        .noneMatch(e -> e instanceof RunEvent.NodeStarted s && s.nodeId().equals("src"));
    assertThat(second.output("add", "table").toString()).isNotNull();
  }

  @Test
  void clearCacheRunsEverythingAgain() throws Exception {
    run(chain(1));
    session.clearCache();
    run(chain(1));
    assertThat(blocks.source.runs).hasValue(2);
  }

  @Test
  void independentBranchesRunAtTheSameTime() throws Exception {
    Graph g = TestGraphs.of("two").node("a", "test.meet").node("b", "test.meet").build();
    RunResult r = run(g);
    assertThat(r.messages()).isEmpty();
    assertThat(r.success()).isTrue();
  }

  @Test
  void atMostOneHeavyNodeRunsAtATime() throws Exception {
    Graph g = TestGraphs.of("heavy").node("h1", "test.heavy").node("h2", "test.heavy").build();
    RunResult r = run(g);
    assertThat(r.success()).isTrue();
    assertThat(blocks.heavy.maxActive).hasValue(1);
  }

  @Test
  void cancelStopsTheRunningNodeAndDownstreamDoesNotRun() throws Exception {
    Graph g =
        TestGraphs.of("wait")
            .node("w", "test.wait")
            .node("add", "test.add-one")
            .edge("w.table", "add.table")
            .build();
    RunHandle h = session.start(g, runs, CPU, events::add);
    assertThat(blocks.waiter.started.await(10, TimeUnit.SECONDS)).isTrue();
    h.cancel();
    RunResult r = h.result().get(10, TimeUnit.SECONDS);
    assertThat(r.success()).isFalse();
    assertThat(r.statuses()).containsEntry("w", NodeStatus.CANCELLED);
    assertThat(r.statuses().get("add")).isIn(NodeStatus.SKIPPED, NodeStatus.CANCELLED);
    assertThat(blocks.addOne.runs).hasValue(0);
  }

  @Test
  void whatABlockReturnsAfterCancelIsPassedOnButNeverCached() throws Exception {
    Graph g =
        TestGraphs.of("keep")
            .node("k", "test.keep-on-cancel")
            .node("add", "test.add-one")
            .edge("k.table", "add.table")
            .build();
    RunHandle h = session.start(g, runs, CPU, events::add);
    assertThat(blocks.keeper.started.await(10, TimeUnit.SECONDS)).isTrue();
    h.cancel();
    RunResult r = h.result().get(10, TimeUnit.SECONDS);
    assertThat(r.statuses()).containsEntry("k", NodeStatus.DONE);
    assertThat(r.statuses().get("add")).isEqualTo(NodeStatus.CANCELLED);
    // The next run does not serve the unfinished output from the cache: the block runs again.
    blocks.keeper.release.countDown();
    RunResult again = run(g);
    assertThat(again.success()).isTrue();
    assertThat(again.statuses()).containsEntry("k", NodeStatus.DONE);
    assertThat(blocks.keeper.runs).hasValue(2);
    assertThat(run(g).statuses()).containsEntry("k", NodeStatus.CACHED);
  }

  @Test
  void cancellingOneNodeSkipsItsDownstream() throws Exception {
    Graph g =
        TestGraphs.of("wait")
            .node("w", "test.wait")
            .node("add", "test.add-one")
            .edge("w.table", "add.table")
            .build();
    RunHandle h = session.start(g, runs, CPU, events::add);
    assertThat(blocks.waiter.started.await(10, TimeUnit.SECONDS)).isTrue();
    h.cancel("w");
    RunResult r = h.result().get(10, TimeUnit.SECONDS);
    assertThat(r.statuses())
        .containsEntry("w", NodeStatus.CANCELLED)
        .containsEntry("add", NodeStatus.SKIPPED);
  }

  @Test
  void aFailingNodeEndsFailedWithItsMessageAndDownstreamIsSkipped() throws Exception {
    Graph g =
        TestGraphs.of("fail")
            .node("src", "test.source")
            .node("f", "test.fail")
            .node("add", "test.add-one")
            .edge("src.table", "f.table")
            .edge("f.table", "add.table")
            .build();
    RunResult r = run(g);
    assertThat(r.success()).isFalse();
    assertThat(r.statuses())
        .containsEntry("src", NodeStatus.DONE)
        .containsEntry("f", NodeStatus.FAILED)
        .containsEntry("add", NodeStatus.SKIPPED);
    assertThat(r.messages().get("f")).contains("too small").contains("Use bigger numbers.");
    assertThat(events)
        .anyMatch(
            e ->
                e instanceof RunEvent.NodeFailed f
                    && f.nodeId().equals("add")
                    && f.status() == NodeStatus.SKIPPED);
  }

  @Test
  void anUnexpectedExceptionNamesTheNodeAndTheTypeAndIsLogged() throws Exception {
    Graph g =
        TestGraphs.of("crash")
            .node("src", "test.source")
            .node("f", "test.fail", Map.<String, JsonNode>of("mode", TextNode.valueOf("crash")))
            .edge("src.table", "f.table")
            .build();
    RunResult r = run(g);
    assertThat(r.messages().get("f"))
        .contains("'Fail' (f)")
        .contains("IllegalStateException")
        .contains("boom");
    assertThat(Files.readString(r.runDir().resolve("log.txt")))
        .contains("java.lang.IllegalStateException: boom")
        .contains("at dev.blocksmith");
  }

  @Test
  void theRunFolderHoldsRunJsonAndReports() throws Exception {
    Graph g =
        TestGraphs.of("scored")
            .node("src", "test.source")
            .node("score", "test.score")
            .edge("src.table", "score.table")
            .build();
    RunResult r = run(g);
    assertThat(r.success()).isTrue();
    JsonNode json = GraphJson.mapper().readTree(r.runDir().resolve("run.json").toFile());
    assertThat(json.path("graph").asText()).isEqualTo("scored");
    assertThat(json.path("device").asText()).startsWith("CPU (");
    assertThat(json.path("seed").asLong()).isEqualTo(42);
    assertThat(json.path("nodes").path("src").path("status").asText()).isEqualTo("DONE");
    assertThat(json.path("nodes").path("score").path("metrics").path("accuracy").asDouble())
        .isEqualTo(1.0);
    assertThat(Files.readString(r.runDir().resolve("score.report.md")))
        .contains("accuracy")
        .contains("Confusion matrix");
    assertThat(r.runDir().getParent()).isEqualTo(runs);
  }

  @Test
  void eventsComeInOrderForANode() throws Exception {
    run(chain(1));
    List<String> kinds =
        events.stream()
            .filter(e -> !(e instanceof RunEvent.NodeProgress))
            .filter(e -> !(e instanceof RunEvent.NodeQueued q) || q.nodeId().equals("src"))
            .filter(e -> !(e instanceof RunEvent.NodeStarted s) || s.nodeId().equals("src"))
            .filter(e -> !(e instanceof RunEvent.NodeFinished f) || f.nodeId().equals("src"))
            .map(e -> e.getClass().getSimpleName())
            .toList();
    assertThat(kinds)
        .containsExactly("RunStarted", "NodeQueued", "NodeStarted", "NodeFinished", "RunFinished");
    assertThat(events).anyMatch(e -> e instanceof RunEvent.NodeProgress p && p.fraction() == 0.5);
  }
}
