package dev.blocksmith.editor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.validate.Problem;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.SwingUtilities;

/**
 * The one adapter that brings backend events onto the EDT. Events are queued and drained in a
 * single {@code invokeLater}, so a burst of events costs one EDT task, not hundreds; progress
 * events of a node are coalesced to the latest one.
 */
final class EdtEvents implements RunEvents {
  private final RunController target;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final ConcurrentHashMap<String, RunEvent.NodeProgress> latestProgress =
      new ConcurrentHashMap<>();

  EdtEvents(RunController target) {
    this.target = target;
  }

  private void post(Runnable r) {
    queue.add(r);
    if (scheduled.compareAndSet(false, true)) {
      SwingUtilities.invokeLater(this::drain);
    }
  }

  private void drain() {
    scheduled.set(false);
    long deadline = System.nanoTime() + 30_000_000L; // keep each EDT slice short
    Runnable r;
    while ((r = queue.poll()) != null) {
      r.run();
      if (System.nanoTime() > deadline && !queue.isEmpty()) {
        if (scheduled.compareAndSet(false, true)) {
          SwingUtilities.invokeLater(this::drain);
        }
        return;
      }
    }
  }

  @Override
  public void ready(String device) {
    post(() -> target.ready(device));
  }

  @Override
  public void event(RunEvent event) {
    if (event instanceof RunEvent.NodeProgress p) {
      // Progress is a level, not a history: only the latest per node needs to reach the EDT.
      if (latestProgress.put(p.nodeId(), p) == null) {
        post(
            () -> {
              RunEvent.NodeProgress last = latestProgress.remove(p.nodeId());
              if (last != null) {
                target.event(last);
              }
            });
      }
      return;
    }
    post(() -> target.event(event));
  }

  @Override
  public void problems(String runId, List<Problem> problems) {
    post(() -> target.problems(runId, problems));
  }

  @Override
  public void preview(String runId, String nodeId, String port, JsonNode preview) {
    post(() -> target.preview(runId, nodeId, port, preview));
  }

  @Override
  public void lost(String runId, String message) {
    post(() -> target.lost(runId, message));
  }
}
