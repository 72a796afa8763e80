package dev.blocksmith.engine.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.blocksmith.engine.spi.NodeContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link NodeContext} for calling one block's {@code execute} directly in a unit test: records
 * progress, logs and metrics, can be cancelled, and runs on the CPU. Close it to free the DJL
 * manager (created only if the block asks for one).
 */
public final class TestContext implements NodeContext, AutoCloseable {
  /** A progress report. */
  public record Progress(double fraction, String message) {}

  /** A streamed metric. */
  public record Metric(String name, int step, double value) {}

  private final String nodeId;
  private final Path dir;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Progress> progress = new CopyOnWriteArrayList<>();
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private final List<Metric> metrics = new CopyOnWriteArrayList<>();
  private NDManager manager;

  /** Creates a context for node {@code nodeId} whose base and work folder is {@code dir}. */
  public TestContext(String nodeId, Path dir) {
    this.nodeId = nodeId;
    this.dir = dir;
  }

  /** Returns the progress reports so far. */
  public List<Progress> progressReports() {
    return progress;
  }

  /** Returns the log lines so far. */
  public List<String> logs() {
    return logs;
  }

  /** Returns the metrics so far. */
  public List<Metric> metrics() {
    return metrics;
  }

  /** Makes {@link #isCancelled()} return true from now on. */
  public void cancel() {
    cancelled.set(true);
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public void progress(double fraction, String message) {
    progress.add(new Progress(fraction, message));
  }

  @Override
  public void log(String message) {
    logs.add(message);
  }

  @Override
  public void metric(String name, int step, double value) {
    metrics.add(new Metric(name, step, value));
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public synchronized NDManager manager() {
    if (manager == null) {
      manager = NDManager.newBaseManager(Device.cpu());
    }
    return manager;
  }

  @Override
  public Device device() {
    return Device.cpu();
  }

  @Override
  public long seed() {
    return 42;
  }

  @Override
  public Path baseDir() {
    return dir;
  }

  @Override
  public Path workDir() {
    return dir;
  }

  /** Frees the DJL manager, if one was made. */
  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
      manager = null;
    }
  }
}
