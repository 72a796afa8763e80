package dev.blocksmith.engine.exec;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link NodeContext} of one node in one run: turns progress, logs and metrics into events,
 * reads the run's and the node's cancel flags, and owns a DJL manager created on first use and
 * closed when the node returns.
 */
final class NodeRunContext implements NodeContext, AutoCloseable {
  private final String runId;
  private final String nodeId;
  private final Consumer<RunEvent> emit;
  private final RunFolder folder;
  private final AtomicBoolean runCancelled;
  private final AtomicBoolean nodeCancelled;
  private final Supplier<Device> device;
  private final Runnable beforeEngineUse;
  private final long seed;
  private final Path baseDir;
  private final Kept kept;
  private NDManager manager;
  private boolean closed;

  NodeRunContext(
      String runId,
      String nodeId,
      Consumer<RunEvent> emit,
      RunFolder folder,
      AtomicBoolean runCancelled,
      AtomicBoolean nodeCancelled,
      Supplier<Device> device,
      Runnable beforeEngineUse,
      long seed,
      Path baseDir,
      Kept kept) {
    this.runId = runId;
    this.nodeId = nodeId;
    this.emit = emit;
    this.folder = folder;
    this.runCancelled = runCancelled;
    this.nodeCancelled = nodeCancelled;
    this.device = device;
    this.beforeEngineUse = beforeEngineUse;
    this.seed = seed;
    this.baseDir = baseDir;
    this.kept = kept;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  private volatile boolean detached;

  /**
   * Stops passing on what the block reports: its thread was abandoned and runs on after its node
   * ended. Its DJL manager is left open, since the block may still be using it.
   */
  void detach() {
    detached = true;
  }

  @Override
  public void progress(double fraction, String message) {
    if (detached) {
      return;
    }
    double f = Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
    emit.accept(new RunEvent.NodeProgress(runId, nodeId, f, message));
  }

  @Override
  public void log(String message) {
    if (detached) {
      return;
    }
    folder.log(nodeId, message);
    emit.accept(new RunEvent.NodeLog(runId, nodeId, message));
  }

  @Override
  public void metric(String name, int step, double value) {
    if (detached) {
      return;
    }
    emit.accept(new RunEvent.NodeMetric(runId, nodeId, name, step, value));
  }

  @Override
  public boolean isCancelled() {
    return runCancelled.get() || nodeCancelled.get();
  }

  @Override
  public synchronized NDManager manager() {
    if (closed) {
      throw new IllegalStateException("the node '" + nodeId + "' has already returned");
    }
    if (manager == null) {
      beforeEngineUse.run();
      manager = NDManager.newBaseManager(device.get());
    }
    return manager;
  }

  @Override
  public Device device() {
    return device.get();
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Path baseDir() {
    return baseDir;
  }

  @Override
  public Path workDir() {
    try {
      return folder.workDir(nodeId);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the work folder of '" + nodeId + "'", e);
    }
  }

  @Override
  public <V extends Value> Optional<V> recall(String name, Class<V> type, Port<?>... inputs) {
    return kept == null ? Optional.empty() : kept.recall(name, type, deviceName(), inputs);
  }

  @Override
  public void keep(String name, Value value, Port<?>... inputs) {
    if (kept != null && !detached) {
      kept.keep(name, value, deviceName(), inputs);
    }
  }

  private String deviceName() {
    Device d = device.get();
    return d == null ? "none" : d.toString();
  }

  /** Closes the DJL manager, freeing every array the node made with it. */
  @Override
  public synchronized void close() {
    closed = true;
    if (manager != null) {
      manager.close();
      manager = null;
    }
  }
}
