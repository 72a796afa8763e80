package dev.blocksmith.engine.exec;

import dev.blocksmith.engine.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs plans: ready-set scheduling (a node starts as soon as its inputs are ready), independent
 * branches in parallel on a small thread pool, at most one heavy node at a time in the whole JVM,
 * cooperative cancellation, a signature cache, typed events and a run folder per run.
 */
public final class Executor implements AutoCloseable {
  /**
   * Admits one heavy (training) node at a time per JVM: DJL allows one gradient collector per
   * process, and two trainings would only fight for the same cores anyway.
   */
  static final Semaphore HEAVY = new Semaphore(1, true);

  private final ExecutorService pool;
  private final WrittenFiles written = new WrittenFiles();

  /** Creates an executor with a pool of {@code threads} daemon threads. */
  public Executor(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, "blocksmith-node-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.pool = Executors.newFixedThreadPool(Math.max(2, threads), tf);
  }

  /**
   * Returns how many block threads this process has abandoned because they did not stop when
   * cancelled or timed out; such a thread runs on until the process ends, so a long-lived process
   * (the editor's worker) should end after a run that abandoned one.
   */
  public static int abandonedBlocks() {
    return Watchdog.abandoned();
  }

  /** Returns the default pool size: the cores, but at least 2 and at most 4. */
  public static int defaultThreads() {
    return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Starts a run and returns its handle at once; the work happens on the pool.
   *
   * @param plan what to run
   * @param setup device, seed, folders
   * @param cache outputs by signature, read and filled by the run
   * @param listener receives the events, from engine threads
   */
  public RunHandle start(Plan plan, RunSetup setup, OutputCache cache, RunListener listener) {
    RunFolder folder;
    try {
      folder = RunFolder.create(setup.runsRoot());
    } catch (IOException e) {
      try {
        folder = RunFolder.create(Files.createTempDirectory("blocksmith-runs"));
        folder.log(
            "run",
            "Could not create a run folder under "
                + setup.runsRoot()
                + " ("
                + e.getMessage()
                + "); using "
                + folder.dir()
                + " instead.");
      } catch (IOException e2) {
        throw new UncheckedIOException("Could not create a run folder anywhere", e2);
      }
    }
    Run run = new Run(plan, setup, cache, written, listener, folder, pool);
    pool.execute(run::begin);
    return run;
  }

  /** Stops the pool; runs in progress are cancelled. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
