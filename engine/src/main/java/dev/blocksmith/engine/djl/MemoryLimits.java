package dev.blocksmith.engine.djl;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import dev.blocksmith.engine.spi.Estimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How much memory a training may use on this machine, and the plain-language warnings when an
 * {@link Estimate.Memory} does not fit: the Java heap's free room (what {@code -Xmx} allows), the
 * physical memory the system still has available, and the GPU's free memory when training on one.
 *
 * @param heapFree bytes the Java heap can still grow by
 * @param heapMax the heap's limit ({@code -Xmx})
 * @param ramAvailable physical memory available to new allocations ({@code MemAvailable})
 * @param ramTotal physical memory of the machine
 * @param gpuFree free memory of the training GPU, or -1 when training on the CPU
 */
public record MemoryLimits(
    long heapFree, long heapMax, long ramAvailable, long ramTotal, long gpuFree) {

  /** Returns the limits of this JVM and machine for training on {@code device}. */
  public static MemoryLimits current(Device device) {
    Runtime rt = Runtime.getRuntime();
    long heapMax = rt.maxMemory();
    long heapFree = heapMax - (rt.totalMemory() - rt.freeMemory());
    long total = -1;
    long available = -1;
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      total = os.getTotalMemorySize();
      available = os.getFreeMemorySize();
    }
    available = memAvailable().orElse(available);
    long gpu = -1;
    if (device != null && device.isGpu()) {
      try {
        var usage = CudaUtils.getGpuMemory(device);
        gpu = usage.getMax() - usage.getCommitted();
      } catch (RuntimeException | LinkageError e) {
        gpu = -1;
      }
    }
    return new MemoryLimits(heapFree, heapMax, available, total, gpu);
  }

  /** Returns the warnings for a training needing {@code m}; empty when it fits. */
  public List<String> check(Estimate.Memory m) {
    List<String> out = new ArrayList<>();
    long engine = m.engineBytes();
    if (gpuFree >= 0 && engine > gpuFree) {
      out.add(
          "It will not fit in the GPU's memory: training needs about "
              + bytes(engine)
              + " on the GPU, which has "
              + bytes(gpuFree)
              + " free. Use a smaller batch size or a smaller model, or train on the CPU (--device"
              + " cpu).");
    }
    long ram = gpuFree >= 0 ? m.heap() : m.total();
    if (ramAvailable > 0 && ram > ramAvailable) {
      out.add(
          "It will not fit in memory: training needs about "
              + bytes(ram)
              + ", and this computer has "
              + bytes(ramAvailable)
              + " available (of "
              + bytes(ramTotal)
              + "). Use a smaller batch size, fewer or smaller layers, or fewer examples"
              + " (smaller pictures).");
    }
    if (m.heap() > heapFree) {
      out.add(
          "It will not fit in Blocksmith's Java memory: the examples and copies of the model need"
              + " about "
              + bytes(m.heap())
              + " there, and only "
              + bytes(heapFree)
              + " of the "
              + bytes(heapMax)
              + " allowed is free. Start Blocksmith with more (for example JAVA_OPTS=-Xmx"
              + Math.max(1, (long) Math.ceil((m.heap() + (heapMax - heapFree)) * 1.5 / 1e9))
              + "g) or use fewer examples.");
    }
    return out;
  }

  private static String bytes(double b) {
    return dev.blocksmith.engine.text.EstimateText.bytes(b);
  }

  private static Optional<Long> memAvailable() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          String[] parts = line.trim().split("\\s+");
          return Optional.of(Long.parseLong(parts[1]) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
