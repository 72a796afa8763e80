package dev.blocksmith.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.blocksmith.engine.spi.NodeContext;
import java.nio.file.Path;

/** A node context for benchmarks that drops logs, progress and metrics. */
final class QuietContext implements NodeContext {
  private NDManager manager;

  @Override
  public String nodeId() {
    return "bench";
  }

  @Override
  public void progress(double fraction, String message) {}

  @Override
  public void log(String message) {}

  @Override
  public void metric(String name, int step, double value) {}

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public NDManager manager() {
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
    return 1;
  }

  @Override
  public Path baseDir() {
    return null;
  }

  @Override
  public Path workDir() {
    return null;
  }
}
