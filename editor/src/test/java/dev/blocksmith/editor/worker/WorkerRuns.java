package dev.blocksmith.editor.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.editor.run.RunEvents;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.validate.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives a real worker JVM through {@link WorkerClient} one run at a time (tests, benches). */
final class WorkerRuns implements RunEvents, AutoCloseable {
  private final WorkerClient client = new WorkerClient();
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, NodeStatus> statuses = new ConcurrentHashMap<>();
  private volatile CompletableFuture<Boolean> done = new CompletableFuture<>();
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  /** Outcome of one run: whether it succeeded, each node's end status, wall milliseconds. */
  record Outcome(boolean success, Map<String, NodeStatus> statuses, long millis, String timeline) {}

  private final StringBuffer timeline = new StringBuffer();
  private volatile long runStart;

  /** Starts the worker and waits until its engine is up. */
  WorkerRuns start() throws Exception {
    client.warmUp(this);
    ready.get(120, TimeUnit.SECONDS);
    return this;
  }

  /** Tells the worker which pipeline was opened, as the editor does (see RunBackend#prefetch). */
  void prefetch(Graph g, Path baseDir, RunOptions options) {
    client.prefetch(g, baseDir, options);
  }

  /** Returns the worker's process id. */
  long pid() {
    return client.pid();
  }

  /** Runs a graph and waits for it to end. */
  Outcome run(Graph g, Path baseDir, RunOptions options) throws Exception {
    statuses.clear();
    timeline.setLength(0);
    done = new CompletableFuture<>();
    long t0 = System.nanoTime();
    runStart = t0;
    client.start("r" + next.incrementAndGet(), g, baseDir, options, this);
    boolean ok = done.get(300, TimeUnit.SECONDS);
    return new Outcome(
        ok, Map.copyOf(statuses), (System.nanoTime() - t0) / 1_000_000, timeline.toString());
  }

  /** Returns the resident memory of the worker in kB, from /proc/PID/status (VmRSS). */
  long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid());
  }

  @Override
  public void ready(String device) {
    ready.complete(device);
  }

  @Override
  public void event(RunEvent e) {
    if (!(e instanceof RunEvent.NodeProgress || e instanceof RunEvent.NodeMetric)) {
      long at = (System.nanoTime() - runStart) / 1_000_000;
      String what = e.getClass().getSimpleName();
      String node =
          e instanceof RunEvent.NodeStarted n
              ? n.nodeId()
              : e instanceof RunEvent.NodeCached c
                  ? c.nodeId()
                  : e instanceof RunEvent.NodeFinished f
                      ? f.nodeId() + " " + f.millis() + " ms"
                      : "";
      if (!(e instanceof RunEvent.NodeQueued || e instanceof RunEvent.NodeLog)) {
        timeline.append(at).append(" ms ").append(what).append(' ').append(node).append("; ");
      }
    }
    if (e instanceof RunEvent.NodeFinished f) {
      statuses.put(f.nodeId(), NodeStatus.DONE);
    } else if (e instanceof RunEvent.NodeCached c) {
      statuses.put(c.nodeId(), NodeStatus.CACHED);
    } else if (e instanceof RunEvent.NodeFailed f) {
      statuses.put(f.nodeId(), f.status());
    } else if (e instanceof RunEvent.RunFinished f) {
      done.complete(f.success());
    }
  }

  @Override
  public void problems(String runId, List<Problem> problems) {
    done.completeExceptionally(new IllegalStateException("refused: " + problems));
  }

  @Override
  public void preview(String runId, String nodeId, String port, JsonNode preview) {}

  @Override
  public void lost(String runId, String message) {
    done.completeExceptionally(new IllegalStateException(message));
    ready.completeExceptionally(new IllegalStateException(message));
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
