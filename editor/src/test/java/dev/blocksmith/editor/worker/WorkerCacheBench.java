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
 * changed. What it counts: each run from the moment Run is pressed ({@link WorkerClient#start}) to
 * the run's end. Not counted: starting the worker and its warm-up (the editor starts it when the
 * window opens), and, for the restarted worker, {@link #LOOK_MILLIS} after the pipeline was opened
 * (the editor then tells the worker, which reads the cached results meanwhile) — the few seconds a
 * user needs to look at the window and change the setting. Args: GRAPH [EVALUATE_NODE_ID].
 */
public final class WorkerCacheBench {
  /** The time between opening the pipeline and pressing Run in the restarted editor. */
  static final long LOOK_MILLIS = 3_000;

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
          "worker 1: up and warm in "
              + up
              + " ms (not counted), run "
              + first.millis()
              + " ms from Run pressed, "
              + first.statuses());
    }
    Thread.sleep(3_500); // the first worker has exited (shutdown waits at most 3 s)
    Graph changed = g.withParam(evaluate, "batchSize", IntNode.valueOf(128));
    long start2 = System.nanoTime();
    try (WorkerRuns w = new WorkerRuns().start()) {
      long up = (System.nanoTime() - start2) / 1_000_000;
      w.prefetch(g, file.getParent(), opts); // the editor opened the pipeline
      Thread.sleep(LOOK_MILLIS); // the user looks at it and changes Evaluate's batch size
      WorkerRuns.Outcome second = w.run(changed, file.getParent(), opts);
      System.out.println(
          "worker 2 (restarted): up and warm in "
              + up
              + " ms, then "
              + LOOK_MILLIS
              + " ms looking at the opened pipeline (neither counted), run "
              + second.millis()
              + " ms from Run pressed, "
              + second.statuses());
      System.out.println("  timeline of the second run: " + second.timeline());
      // For reference (not the measure): the same worker once more, its code now warm.
      WorkerRuns.Outcome third =
          w.run(g.withParam(evaluate, "batchSize", IntNode.valueOf(64)), file.getParent(), opts);
      System.out.println(
          "  (reference: a third run in the same worker, Evaluate changed again: "
              + third.millis()
              + " ms; "
              + third.timeline()
              + ")");
      System.out.printf(
          "worker first_ms=%d second_ms=%d ratio=%.1f (each from Run pressed to the run's end)%n",
          first.millis(), second.millis(), first.millis() / (double) Math.max(1, second.millis()));
      if (!first.success() || !second.success()) {
        System.exit(1);
      }
    }
    System.exit(0);
  }
}
