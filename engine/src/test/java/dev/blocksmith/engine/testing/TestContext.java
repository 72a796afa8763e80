package dev.blocksmith.engine.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.blocksmith.engine.spi.NodeContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link NodeContext} for unit tests: CPU, a base manager closed by {@link #close()}, recorded
 * logs, metrics and progress, a cancel flag, and optional hooks run on each metric or progress
 * call.
 */
public final class TestContext implements NodeContext, AutoCloseable {
  private final String nodeId;
  private final long seed;
  private NDManager manager;
  private Path baseDir;
  private final List<String> logs = new ArrayList<>();
  private final List<Double> progressValues = new ArrayList<>();
  private final Map<String, List<Double>> metrics = new LinkedHashMap<>();
  private volatile boolean cancelled;
  private int progressCalls;
  private Consumer<TestContext> onProgress = c -> {};
  private Consumer<TestContext> onMetric = c -> {};

  /** Returns a context for node {@code nodeId} with seed 42. */
  public TestContext(String nodeId) {
    this(nodeId, 42);
  }

  /** Returns a context for node {@code nodeId} with the given seed. */
  public TestContext(String nodeId, long seed) {
    this.nodeId = nodeId;
    this.seed = seed;
  }

  /** Sets the folder relative paths are resolved against (default: none), and returns this. */
  public TestContext withBaseDir(Path dir) {
    this.baseDir = dir;
    return this;
  }

  /** Sets a hook run after every progress call. */
  public TestContext onProgress(Consumer<TestContext> hook) {
    this.onProgress = hook;
    return this;
  }

  /** Sets a hook run after every metric call. */
  public TestContext onMetric(Consumer<TestContext> hook) {
    this.onMetric = hook;
    return this;
  }

  /** Flags the run as cancelled. */
  public void cancel() {
    cancelled = true;
  }

  /** Returns the log lines so far. */
  public List<String> logs() {
    return logs;
  }

  /** Returns the metric values so far, by name, in call order. */
  public Map<String, List<Double>> metrics() {
    return metrics;
  }

  /** Returns the log as one text, lines joined by newlines. */
  public String logText() {
    return String.join("\n", logs);
  }

  /** Returns the progress fractions reported so far. */
  public List<Double> progressValues() {
    return progressValues;
  }

  /** Returns how often progress was reported. */
  public int progressCalls() {
    return progressCalls;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public void progress(double fraction, String message) {
    progressCalls++;
    progressValues.add(fraction);
    onProgress.accept(this);
  }

  @Override
  public void log(String message) {
    logs.add(message);
  }

  @Override
  public void metric(String name, int step, double value) {
    metrics.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    onMetric.accept(this);
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public synchronized NDManager manager() {
    // Created on first use, so blocks that need no DJL never load the engine.
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
    return seed;
  }

  @Override
  public Path baseDir() {
    return baseDir;
  }

  @Override
  public Path workDir() {
    return Path.of("target");
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
    }
  }
}
