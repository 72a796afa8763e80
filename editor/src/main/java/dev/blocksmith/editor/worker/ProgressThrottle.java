package dev.blocksmith.editor.worker;

import dev.blocksmith.engine.exec.RunEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Drops progress events that follow the previous one of the same node too closely. Training reports
 * progress after every batch (thousands a second for small models); the editor needs a few per
 * second. Every other event passes, and so does the first and the last (fraction 1) progress.
 */
final class ProgressThrottle {
  private final long minNanos;
  private final Map<String, Long> last = new HashMap<>();

  /** Creates a throttle passing at most one progress event per node every {@code minMillis}. */
  ProgressThrottle(long minMillis) {
    this.minNanos = minMillis * 1_000_000L;
  }

  /** Returns whether {@code e} should be sent now. */
  synchronized boolean pass(RunEvent e, long nowNanos) {
    if (!(e instanceof RunEvent.NodeProgress p)) {
      if (e instanceof RunEvent.NodeStarted s) {
        last.remove(s.nodeId());
      }
      return true;
    }
    Long before = last.get(p.nodeId());
    if (before != null && nowNanos - before < minNanos && p.fraction() < 1) {
      return false;
    }
    last.put(p.nodeId(), nowNanos);
    return true;
  }
}
