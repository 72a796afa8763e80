package dev.blocksmith.engine.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.util.Locale;

/**
 * Chooses the device a run trains on and prepares the DJL engine. Nothing here loads the engine
 * until a run needs it: asking for "cpu" never loads it, automatic choice does (to count GPUs).
 */
public final class Devices {
  private static volatile boolean engineLoaded;

  static {
    applyThreadDefaults();
  }

  private Devices() {}

  /**
   * Sets PyTorch to one intra-op thread unless the user chose a count ({@code -Dblocksmith.threads}
   * or DJL's own {@code ai.djl.pytorch.num_threads}). Measured here: with two threads, a small MLP
   * trained 13× slower while other processes used the cores (112 s vs 8.5 s for the first example),
   * and one thread costs nothing on small models. Effective only before the engine loads.
   */
  public static void applyThreadDefaults() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty(
          "ai.djl.pytorch.num_threads", System.getProperty("blocksmith.threads", "1"));
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }

  /**
   * Returns the device for a run: a GPU when one is present, else the CPU, unless overridden.
   *
   * @param override null or "auto" for automatic, "cpu", "gpu" or "gpu:N"
   * @throws IllegalArgumentException with a plain message when the override is unknown or asks for
   *     a GPU that is not there
   */
  public static Device choose(String override) {
    String o = override == null ? "auto" : override.trim().toLowerCase(Locale.ROOT);
    if (o.equals("cpu")) {
      return Device.cpu();
    }
    if (o.equals("auto") || o.isEmpty()) {
      return gpuCount() > 0 ? Device.gpu(0) : Device.cpu();
    }
    if (o.equals("gpu") || o.matches("gpu:\\d+")) {
      int id = o.equals("gpu") ? 0 : Integer.parseInt(o.substring(4));
      int count = gpuCount();
      if (count == 0) {
        throw new IllegalArgumentException(
            "A GPU was asked for, but this computer has no GPU that the engine can use (is the"
                + " GPU build of Blocksmith installed?). Use \"cpu\" or leave the device on"
                + " automatic.");
      }
      if (id >= count) {
        throw new IllegalArgumentException(
            "GPU "
                + id
                + " was asked for, but this computer has "
                + count
                + " GPU"
                + (count == 1 ? "" : "s")
                + " (numbered from 0).");
      }
      return Device.gpu(id);
    }
    throw new IllegalArgumentException(
        "Unknown device \"" + override + "\". Use \"cpu\", \"gpu\" or \"gpu:N\".");
  }

  /** What a GPU build says on a machine whose GPU (or driver) the engine cannot use. */
  public static final String NO_USABLE_GPU =
      "GPU natives present but no usable GPU: training on CPU";

  /**
   * Returns whether CUDA natives for PyTorch are on the class path (the GPU build, {@code -Pgpu}),
   * read from their {@code native/lib/pytorch.properties} flavor; DJL then picks the CPU natives
   * beside them when no GPU is usable.
   */
  public static boolean gpuNativesPresent() {
    try {
      var urls = Devices.class.getClassLoader().getResources("native/lib/pytorch.properties");
      while (urls.hasMoreElements()) {
        var props = new java.util.Properties();
        try (var in = urls.nextElement().openStream()) {
          props.load(in);
        }
        if (props.getProperty("flavor", "").startsWith("cu")) {
          return true;
        }
      }
    } catch (java.io.IOException e) {
      return false;
    }
    return false;
  }

  /** Returns the number of GPUs the engine can use (loads the engine). */
  public static int gpuCount() {
    return engine().getGpuCount();
  }

  /** Returns a device in words: "CPU (2 cores)" or "GPU 0: compute 8.9, 80 GB". */
  public static String describe(Device device) {
    if (!device.isGpu()) {
      int cores = Runtime.getRuntime().availableProcessors();
      String cpu = "CPU (" + cores + (cores == 1 ? " core)" : " cores)");
      return gpuNativesPresent() && isEngineLoaded() && gpuCount() == 0
          ? cpu + ". " + NO_USABLE_GPU
          : cpu;
    }
    StringBuilder sb = new StringBuilder("GPU ").append(device.getDeviceId());
    try {
      String cc = CudaUtils.getComputeCapability(device.getDeviceId());
      long mem = CudaUtils.getGpuMemory(device).getMax();
      sb.append(": compute ").append(cc.length() == 2 ? cc.charAt(0) + "." + cc.charAt(1) : cc);
      if (mem > 0) {
        sb.append(", ").append(Math.round(mem / 1e9)).append(" GB");
      }
    } catch (RuntimeException | LinkageError e) {
      // Details are a nicety; the id alone is still true.
    }
    return sb.toString();
  }

  /**
   * Pins the engine to one intra-op and one inter-op thread so that runs give identical numbers.
   * Works only before the engine loads.
   *
   * @return false when the engine was already loaded with other settings (the caller should warn)
   */
  public static boolean prepareReproducible() {
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    return !engineLoaded;
  }

  /** Seeds the engine's random generators (loads the engine). */
  public static void seed(long seed) {
    engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
  }

  /**
   * Starts loading the engine on a daemon thread, so that its ≈0.5 s of native loading overlaps the
   * rest of start-up (reading and checking the graph, the first blocks). Thread defaults are
   * applied first; a failure is left for the run to report when it needs the engine. {@code
   * -Dblocksmith.preloadEngine=false} turns this off (to measure it).
   */
  public static void preloadInBackground() {
    if (engineLoaded
        || !Boolean.parseBoolean(System.getProperty("blocksmith.preloadEngine", "true"))) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                engine();
              } catch (RuntimeException | LinkageError e) {
                // The run loads the engine again when it needs it and reports the problem there.
              }
            },
            "engine-preload");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Loads the engine and runs one tiny convolution, dense layer and softmax through it, so that the
   * first real block does not pay for PyTorch's lazy set-up (called by processes that wait for
   * work: the editor's worker, the CLI's background process). Returns the milliseconds it took.
   *
   * @throws RuntimeException or {@link LinkageError} when the engine cannot load (the caller
   *     reports it when a run needs the engine)
   */
  public static long warmUp() {
    long t0 = System.nanoTime();
    Engine e = engine();
    try (ai.djl.ndarray.NDManager m = e.newBaseManager()) {
      ai.djl.ndarray.NDArray x =
          m.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(1, 1, 8, 8));
      ai.djl.ndarray.NDArray w =
          m.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(2, 1, 3, 3));
      ai.djl.ndarray.NDArray y =
          ai.djl.nn.convolutional.Conv2d.conv2d(x, w).singletonOrThrow().flatten(1, -1);
      ai.djl.ndarray.NDArray d = m.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(3, 72));
      ai.djl.nn.core.Linear.linear(y, d).singletonOrThrow().softmax(-1).argMax(-1).toLongArray();
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Returns whether this class has loaded the engine yet. */
  public static boolean isEngineLoaded() {
    return engineLoaded;
  }

  private static Engine engine() {
    Engine e = Engine.getInstance();
    engineLoaded = true;
    return e;
  }
}
