package dev.blocksmith.editor.worker;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import java.nio.file.Path;
import java.util.Set;

/**
 * Bench (not a test), run by {@code bench/run-cache}: the editor's worker runs a graph, is shut
 * down, and a new worker (as after an editor restart) runs it again with only an Evaluate setting
 * changed. Prints both times (from the run request to the run's end, the worker already up) and
 * each node's status in the second run. Args: GRAPH [EVALUATE_NODE_ID].
 */
public final class WorkerCacheBench {
  private WorkerCacheBench() {}

  /** Runs the bench. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath();
    String evaluate = args.length > 1 ? args[1] : "evaluate";
    Graph g = GraphJson.read(file);
    RunOptions opts = new RunOptions(Set.of(), "cpu", null, false);
    WorkerRuns.Outcome first;
    long start1 = System.nanoTime();
    try (WorkerRuns w = new WorkerRuns().start()) {
      long up = (System.nanoTime() - start1) / 1_000_000;
      first = w.run(g, file.getParent(), opts);
      System.out.println(
          "worker 1: up in " + up + " ms, run " + first.millis() + " ms, " + first.statuses());
    }
    Thread.sleep(3_500); // the first worker has exited (shutdown waits at most 3 s)
    Graph changed = g.withParam(evaluate, "batchSize", IntNode.valueOf(128));
    long start2 = System.nanoTime();
    try (WorkerRuns w = new WorkerRuns().start()) {
      long up = (System.nanoTime() - start2) / 1_000_000;
      WorkerRuns.Outcome second = w.run(changed, file.getParent(), opts);
      System.out.println(
          "worker 2 (restarted): up in "
              + up
              + " ms, run "
              + second.millis()
              + " ms, "
              + second.statuses());
      System.out.printf(
          "worker first_ms=%d second_ms=%d ratio=%.1f%n",
          first.millis(), second.millis(), first.millis() / (double) Math.max(1, second.millis()));
      if (!first.success() || !second.success()) {
        System.exit(1);
      }
    }
    System.exit(0);
  }
}
