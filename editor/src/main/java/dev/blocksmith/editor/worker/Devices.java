package dev.blocksmith.editor.worker;

/** Names the training device in words, loading DJL's engine (worker JVM only, never the editor). */
final class Devices {
  private Devices() {}

  static String describe() {
    try {
      ai.djl.engine.Engine e = ai.djl.engine.Engine.getInstance();
      int gpus = e.getGpuCount();
      if (gpus > 0) {
        return "GPU (" + gpus + (gpus == 1 ? " device)" : " devices)");
      }
    } catch (Throwable t) {
      return "CPU (" + Runtime.getRuntime().availableProcessors() + " cores; engine: "
          + t.getMessage() + ")";
    }
    return "CPU (" + Runtime.getRuntime().availableProcessors() + " cores)";
  }
}
