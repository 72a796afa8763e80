package dev.blocksmith.nodes.data;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.blocksmith.engine.spi.NodeContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link NodeContext} for unit tests of data blocks: records log lines and progress. */
public final class DataTestContext implements NodeContext {
  private final Path baseDir;
  private final List<String> log = new ArrayList<>();
  private final List<Double> progress = new ArrayList<>();
  private boolean cancelled;

  /** Creates a context resolving relative paths against {@code baseDir}. */
  public DataTestContext(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** Returns the log lines written so far. */
  public List<String> logLines() {
    return log;
  }

  /** Returns the log as one text. */
  public String logText() {
    return String.join("\n", log);
  }

  /** Returns the progress fractions reported so far. */
  public List<Double> progressValues() {
    return progress;
  }

  /** Marks the run as cancelled. */
  public void cancel() {
    cancelled = true;
  }

  @Override
  public String nodeId() {
    return "n1";
  }

  @Override
  public void progress(double fraction, String message) {
    progress.add(fraction);
  }

  @Override
  public void log(String message) {
    log.add(message);
  }

  @Override
  public void metric(String name, int step, double value) {}

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public NDManager manager() {
    throw new UnsupportedOperationException("data blocks need no DJL manager");
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
    return baseDir;
  }

  @Override
  public Path workDir() {
    return baseDir;
  }
}
