package dev.blocksmith.editor.gui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.editor.run.RunBackend;
import dev.blocksmith.editor.run.RunEvents;
import dev.blocksmith.editor.worker.Previews;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.value.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A scripted engine: runs nodes in dependency order, streaming progress and metrics quickly. */
final class FakeBackend implements RunBackend {
  private volatile boolean cancelled;

  /** Blocks of this type fail while running (null: none fails). */
  volatile String failType;

  /** The metrics of Evaluate's report. */
  volatile Map<String, Double> metrics = Map.of("accuracy", 0.94);

  /** How often the cache was cleared. */
  volatile int cacheClears;

  @Override
  public void clearCache(java.util.function.Consumer<String> done) {
    cacheClears++;
    done.accept("Cache cleared (0.0 MB freed).");
  }

  @Override
  public void warmUp(RunEvents events) {
    events.ready("CPU (2 cores)");
  }

  @Override
  public void start(String runId, Graph g, Path baseDir, RunOptions options, RunEvents ev) {
    cancelled = false;
    Thread t = new Thread(() -> run(runId, g, ev), "fake-run");
    t.setDaemon(true);
    t.start();
  }

  private void run(String runId, Graph g, RunEvents ev) {
    long t0 = System.currentTimeMillis();
    ev.event(new RunEvent.RunStarted(runId, "CPU (2 cores)", g.nodes().size(), null));
    List<Node> order = order(g);
    order.forEach(n -> ev.event(new RunEvent.NodeQueued(runId, n.id())));
    for (Node n : order) {
      ev.event(new RunEvent.NodeStarted(runId, n.id()));
      int steps = n.type().equals("train.train") ? 40 : 5;
      for (int i = 1; i <= steps; i++) {
        if (cancelled) {
          ev.event(new RunEvent.NodeFailed(runId, n.id(), NodeStatus.CANCELLED, "Cancelled.", ""));
          ev.event(new RunEvent.RunFinished(runId, false, 0, null));
          return;
        }
        pause(15);
        ev.event(new RunEvent.NodeProgress(runId, n.id(), i / (double) steps, "step " + i));
        if (n.type().equals("train.train")) {
          ev.event(new RunEvent.NodeMetric(runId, n.id(), "train loss", i, 1.0 / i));
          ev.event(new RunEvent.NodeMetric(runId, n.id(), "validation loss", i, 1.2 / i + 0.05));
        }
      }
      if (n.type().equals(failType)) {
        ev.event(
            new RunEvent.NodeFailed(
                runId,
                n.id(),
                NodeStatus.FAILED,
                "The column to predict, \"kind\", has the same value in every row.",
                "Pick a column whose values differ between rows."));
        ev.event(new RunEvent.RunFinished(runId, false, 0, null));
        return;
      }
      String headline =
          switch (n.type()) {
            case "evaluate.evaluate" -> "accuracy 94.0 %";
            case "train.train" -> "MLP, 10 epochs";
            default -> "150 rows × 5 columns";
          };
      ev.event(new RunEvent.NodeFinished(runId, n.id(), 50, Map.of("out", headline)));
      if (n.type().equals("evaluate.evaluate")) {
        Report r =
            new Report(
                "Test results",
                "classification",
                metrics,
                List.of("setosa", "versicolor", "virginica"),
                new int[][] {{10, 0, 0}, {0, 9, 1}, {0, 1, 9}},
                List.of(),
                List.of(),
                List.of(),
                List.of());
        JsonNode p = Previews.of(r);
        ev.preview(runId, n.id(), "report", p);
      }
    }
    ev.event(new RunEvent.RunFinished(runId, true, System.currentTimeMillis() - t0, null));
  }

  private static List<Node> order(Graph g) {
    List<Node> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Map<String, Node> left = new LinkedHashMap<>();
    g.nodes().forEach(n -> left.put(n.id(), n));
    while (!left.isEmpty()) {
      for (Node n : List.copyOf(left.values())) {
        if (g.edgesInto(n.id()).stream().allMatch(e -> done.contains(e.from().node()))) {
          out.add(n);
          done.add(n.id());
          left.remove(n.id());
        }
      }
    }
    return out;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms); // simulates work inside the fake engine, not a test wait
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void cancel(String runId) {
    cancelled = true;
  }

  @Override
  public void shutdown() {}
}
