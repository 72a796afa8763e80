package dev.blocksmith.editor.gui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.SwingUtilities;

/**
 * Measures how long the EDT takes to pick up a task: every 10 ms a probe is queued with {@code
 * invokeLater} and the delay until it runs is recorded. The worst delay is how long the EDT was
 * blocked (by our code, or by anything else queued before the probe).
 */
final class EdtWatchdog implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "edt-watchdog");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong worstNanos = new AtomicLong();
  private final AtomicLong probes = new AtomicLong();

  /** Starts probing. */
  EdtWatchdog() {
    timer.scheduleAtFixedRate(
        () -> {
          long queued = System.nanoTime();
          SwingUtilities.invokeLater(
              () -> {
                worstNanos.accumulateAndGet(System.nanoTime() - queued, Math::max);
                probes.incrementAndGet();
              });
        },
        0,
        10,
        TimeUnit.MILLISECONDS);
  }

  /** Returns the longest delay seen so far, in milliseconds. */
  long worstMillis() {
    return worstNanos.get() / 1_000_000;
  }

  /** Returns how many probes ran. */
  long probes() {
    return probes.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
