package dev.blocksmith.engine.exec;

import dev.blocksmith.engine.spi.NodeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs one block's {@code execute} on a thread of its own and waits for it, watching for cancel and
 * a time limit. When either comes, the block is told (its context reports cancelled) and its thread
 * interrupted; a block that still has not returned after {@link #GRACE} is <em>abandoned</em>: the
 * node ends with a message saying so and the run goes on without it.
 *
 * <p>Java cannot kill a thread that ignores interrupts, so an abandoned thread keeps running (and
 * holding what it holds) until the process ends. The CLI process ends with its run; the editor's
 * worker process exits after a run that abandoned a thread and the next run starts a fresh one
 * ({@link #abandoned()} tells it).
 */
final class Watchdog {
  /** How long a block may take to stop once told to. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private static final AtomicInteger ABANDONED = new AtomicInteger();
  private static final AtomicInteger THREADS = new AtomicInteger();

  private Watchdog() {}

  /** Returns how many block threads this process has abandoned so far. */
  static int abandoned() {
    return ABANDONED.get();
  }

  /**
   * Runs {@code body} and returns its result, or throws what it threw.
   *
   * @param nodeId the node, for the thread's name and messages
   * @param what the block and where it comes from, for messages
   * @param cancelled whether the run or node was cancelled
   * @param timeout the time limit, or null for none
   * @param stop called once when the block is told to stop (sets its context's cancel flag)
   * @throws NodeException when it was stopped by the time limit, or abandoned
   */
  static Map<String, Object> run(
      String nodeId,
      String what,
      Callable<Map<String, Object>> body,
      BooleanSupplier cancelled,
      Duration timeout,
      Runnable stop)
      throws Exception {
    CompletableFuture<Map<String, Object>> done = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                done.complete(body.call());
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            },
            "blocksmith-block-" + nodeId + "-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    t.start();
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    while (true) {
      try {
        return unwrap(done, 50);
      } catch (TimeoutException e) {
        // still running: look at cancel and the clock
      } catch (InterruptedException e) {
        interrupted = true; // the engine is shutting down: stop the block like a cancel
      }
      boolean late = System.nanoTime() - deadline > 0;
      if (interrupted || late || cancelled.getAsBoolean()) {
        return stop(nodeId, what, done, t, late ? timeout : null, stop);
      }
    }
  }

  private static Map<String, Object> stop(
      String nodeId,
      String what,
      CompletableFuture<Map<String, Object>> done,
      Thread t,
      Duration timedOut,
      Runnable stop)
      throws Exception {
    stop.run();
    t.interrupt();
    try {
      Map<String, Object> out = unwrap(done, GRACE.toMillis());
      if (timedOut == null) {
        return out; // it finished just as it was cancelled: keep what it made
      }
    } catch (TimeoutException e) {
      ABANDONED.incrementAndGet();
      String why =
          timedOut != null
              ? "took longer than its time limit of " + text(timedOut)
              : "was cancelled";
      throw new NodeException(
          timedOut != null ? NodeException.Kind.FAILED : NodeException.Kind.CANCELLED,
          nodeId,
          null,
          null,
          what
              + " "
              + why
              + " and did not stop when asked to within "
              + text(GRACE)
              + ". The run was ended without it; its code may still be running in the"
              + " background until Blocksmith restarts (the editor restarts its training"
              + " process by itself).",
          "If this happens again, tell the plugin's author or remove the plugin.",
          null);
    } catch (Exception e) {
      if (timedOut == null) {
        throw e;
      }
      // it stopped when told to: report the time limit, not how it stopped
    }
    throw new NodeException(
        NodeException.Kind.FAILED,
        nodeId,
        null,
        null,
        what + " took longer than its time limit of " + text(timedOut) + " and was stopped.",
        "Give it more time (run --block-timeout), or give it less to do.",
        null);
  }

  private static Map<String, Object> unwrap(
      CompletableFuture<Map<String, Object>> done, long millis) throws Exception {
    try {
      return done.get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof Exception ex) {
        throw ex;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private static String text(Duration d) {
    long s = d.toSeconds();
    if (s < 1) {
      return d.toMillis() + " ms";
    }
    return s < 120 ? s + " s" : (s / 60) + " min";
  }
}
