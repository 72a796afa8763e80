package dev.blocksmith.editor.worker;

/**
 * Names the training device in words (worker JVM only, never the editor). Goes through the engine's
 * {@link dev.blocksmith.engine.djl.Devices} so that its thread settings apply before PyTorch loads.
 */
final class Devices {
  private Devices() {}

  static String describe() {
    try {
      return dev.blocksmith.engine.djl.Devices.describe(
          dev.blocksmith.engine.djl.Devices.choose(null));
    } catch (RuntimeException | LinkageError t) {
      return "CPU ("
          + Runtime.getRuntime().availableProcessors()
          + " cores; engine: "
          + t.getMessage()
          + ")";
    }
  }
}
