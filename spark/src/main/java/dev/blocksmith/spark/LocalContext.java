package dev.blocksmith.spark;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.blocksmith.engine.exec.RunFolder;
import dev.blocksmith.engine.spi.NodeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The context of a block that the Spark runner runs on the driver (Train, Evaluate, Save…): logs go
 * to the run folder and to a line printer, the device is the CPU unless told otherwise.
 */
final class LocalContext implements NodeContext, AutoCloseable {
  private final String nodeId;
  private final Device device;
  private final long seed;
  private final Path baseDir;
  private final RunFolder folder;
  private final Consumer<String> lines;
  private NDManager manager;

  LocalContext(
      String nodeId,
      Device device,
      long seed,
      Path baseDir,
      RunFolder folder,
      Consumer<String> lines) {
    this.nodeId = nodeId;
    this.device = device;
    this.seed = seed;
    this.baseDir = baseDir;
    this.folder = folder;
    this.lines = lines;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public void progress(double fraction, String message) {}

  @Override
  public void log(String message) {
    if (folder != null) {
      folder.log(nodeId, message);
    }
    lines.accept("  " + nodeId + ": " + message);
  }

  @Override
  public void metric(String name, int step, double value) {}

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public synchronized NDManager manager() {
    if (manager == null) {
      manager = NDManager.newBaseManager(device);
    }
    return manager;
  }

  @Override
  public Device device() {
    return device;
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
      return folder == null
          ? java.nio.file.Files.createTempDirectory("blocksmith-" + nodeId)
          : folder.workDir(nodeId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
      manager = null;
    }
  }
}
