package dev.blocksmith.engine.spi;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * A {@link NodeContext} that passes everything to another one; a block that runs sub-steps (trials
 * of a search or a sweep) overrides only how their progress, log and metrics are reported.
 */
public abstract class ForwardingContext implements NodeContext {
  private final NodeContext ctx;

  /** Forwards to {@code ctx}. */
  protected ForwardingContext(NodeContext ctx) {
    this.ctx = ctx;
  }

  /** Returns the context this one forwards to. */
  protected final NodeContext delegate() {
    return ctx;
  }

  @Override
  public String nodeId() {
    return ctx.nodeId();
  }

  @Override
  public void progress(double fraction, String message) {
    ctx.progress(fraction, message);
  }

  @Override
  public void log(String message) {
    ctx.log(message);
  }

  @Override
  public void metric(String name, int step, double value) {
    ctx.metric(name, step, value);
  }

  @Override
  public boolean isCancelled() {
    return ctx.isCancelled();
  }

  @Override
  public NDManager manager() {
    return ctx.manager();
  }

  @Override
  public Device device() {
    return ctx.device();
  }

  @Override
  public long seed() {
    return ctx.seed();
  }

  @Override
  public Path baseDir() {
    return ctx.baseDir();
  }

  @Override
  public Path workDir() {
    return ctx.workDir();
  }
}
