package dev.blocksmith.engine.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.graph.GraphJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a run's CPU time and estimates its energy: from the RAPL counters under {@code
 * /sys/class/powercap} where they are readable (the whole CPU package, so other programs' work
 * counts too), otherwise as the process's CPU time × {@value #WATTS_PER_CORE} W per busy core (a
 * typical figure for one core of a laptop or server CPU under load). The method is recorded with
 * the number. GPU energy (NVML) is not measured.
 */
public final class EnergyMeter {
  /** The stated power of one busy core, in watts, for the estimate without RAPL. */
  public static final double WATTS_PER_CORE = 10.0;

  private static final Path POWERCAP = Path.of("/sys/class/powercap");

  private final long cpuStart;
  private final long wallStart;
  private final List<long[]> raplStart;

  private EnergyMeter(long cpuStart, long wallStart, List<long[]> raplStart) {
    this.cpuStart = cpuStart;
    this.wallStart = wallStart;
    this.raplStart = raplStart;
  }

  /** Starts measuring now. */
  public static EnergyMeter start() {
    return new EnergyMeter(cpuNanos(), System.nanoTime(), rapl());
  }

  /** Returns the process's CPU time so far in nanoseconds, or -1 when the JVM does not say. */
  public static long cpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  /** Reads each package's counter: {energy µJ, max range µJ}; empty when none is readable. */
  private static List<long[]> rapl() {
    List<long[]> out = new ArrayList<>();
    try (var dirs = Files.list(POWERCAP)) {
      for (Path d : dirs.sorted().toList()) {
        String name = d.getFileName().toString();
        // intel-rapl:0, intel-rapl:1 … are packages; intel-rapl:0:0 are parts of them.
        if (!name.matches("intel-rapl:\\d+")) {
          continue;
        }
        long e = Long.parseLong(Files.readString(d.resolve("energy_uj")).trim());
        long max = Long.parseLong(Files.readString(d.resolve("max_energy_range_uj")).trim());
        out.add(new long[] {e, max});
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return out;
  }

  /** Returns {cpuSeconds, wallSeconds, joules, method} for the time since {@link #start()}. */
  public ObjectNode finish() {
    ObjectNode o = GraphJson.mapper().createObjectNode();
    long cpu = cpuNanos();
    double cpuSeconds = cpu < 0 || cpuStart < 0 ? Double.NaN : (cpu - cpuStart) / 1e9;
    o.put("cpuSeconds", round(cpuSeconds));
    o.put("wallSeconds", round((System.nanoTime() - wallStart) / 1e9));
    List<long[]> end = rapl();
    if (!raplStart.isEmpty() && end.size() == raplStart.size()) {
      double joules = 0;
      for (int i = 0; i < end.size(); i++) {
        long d = end.get(i)[0] - raplStart.get(i)[0];
        joules += (d < 0 ? d + end.get(i)[1] : d) / 1e6;
      }
      o.put("joules", round(joules));
      o.put("method", "measured: RAPL package counters (/sys/class/powercap), whole CPU");
    } else {
      o.put("joules", round(cpuSeconds * WATTS_PER_CORE));
      o.put(
          "method",
          "estimated: CPU time × "
              + WATTS_PER_CORE
              + " W per busy core (RAPL counters not readable here)");
    }
    o.put("gpu", "not measured (NVML not used)");
    return o;
  }

  private static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
  }

  /** Returns "CPU time 12.3 s, energy ≈ 123 J (estimated: …)". */
  public static String describe(com.fasterxml.jackson.databind.JsonNode energy) {
    return String.format(
        java.util.Locale.ROOT,
        "CPU time %.1f s, energy %s%.0f J (%s)",
        energy.path("cpuSeconds").asDouble(),
        energy.path("method").asText().startsWith("measured") ? "" : "≈ ",
        energy.path("joules").asDouble(),
        energy.path("method").asText());
  }
}
