package dev.blocksmith.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.data.LoadCsv;
import dev.blocksmith.nodes.data.csv.ChunkedCsvReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the Load CSV block: writes a 1,000,000-row × 20-column CSV (14 number, 4 category, 1
 * yes/no, 1 label column) to a temporary folder, loads it, and prints rows/s, MB/s and the peak
 * heap in use while loading (sampled every millisecond after a GC). Not a test: run bench/run-csv.
 */
public final class CsvLoadBench {
  private CsvLoadBench() {}

  /**
   * Runs the benchmark. Arguments: the row count (default 1,000,000), the number of measured rounds
   * (default 5), and optionally an existing file to load instead of generating one.
   */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean generate = args.length <= 2;
    Path dir = generate ? Files.createTempDirectory("csv-bench") : null;
    Path file = generate ? dir.resolve("bench.csv") : Path.of(args[2]);
    try {
      if (generate) {
        write(file, rows);
      }
      double mb = Files.size(file) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "file: %s, %.1f MB; max heap %.0f MB%n",
          file,
          mb,
          Runtime.getRuntime().maxMemory() / 1e6);
      load(file); // warm-up: JIT-compile the hot paths once
      onePass(true);
      load(file);
      onePass(false);
      // Rounds alternate: the default (ranges read on all cores) and one pass on one thread.
      List<Double> speeds = new ArrayList<>();
      List<Double> peaks = new ArrayList<>();
      List<Double> oneSpeeds = new ArrayList<>();
      List<Double> onePeaks = new ArrayList<>();
      for (int r = 1; r <= rounds; r++) {
        double[] m = measure(file, mb, "default ", r);
        speeds.add(m[0]);
        peaks.add(m[1]);
        onePass(true);
        m = measure(file, mb, "one pass", r);
        onePass(false);
        oneSpeeds.add(m[0]);
        onePeaks.add(m[1]);
      }
      report("default ", rounds, speeds, peaks, mb, rows);
      report("one pass", rounds, oneSpeeds, onePeaks, mb, rows);
    } finally {
      if (generate) {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    }
  }

  private static void onePass(boolean on) {
    if (on) {
      System.setProperty(ChunkedCsvReader.THREADS_PROPERTY, "1");
    } else {
      System.clearProperty(ChunkedCsvReader.THREADS_PROPERTY);
    }
  }

  private static void report(
      String mode, int rounds, List<Double> speeds, List<Double> peaks, double mb, int rows) {
    System.out.printf(
        Locale.ROOT,
        "%s median of %d: %,.0f rows/s, %.1f MB/s; peak heap above"
            + " baseline %.1f MB (%.2f x file size)%n",
        mode,
        rounds,
        median(speeds),
        median(speeds) * mb / rows,
        median(peaks),
        median(peaks) / mb);
  }

  /** Loads once and returns rows/s and the peak heap above baseline in MB. */
  private static double[] measure(Path file, double mb, String mode, int round) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    Table t = load(file);
    double s = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    sampler.join();
    double peakMb = (peak.get() - baseline) / 1e6;
    System.gc();
    double kept = (memory.getHeapMemoryUsage().getUsed() - baseline) / 1e6;
    java.lang.ref.Reference.reachabilityFence(t);
    System.out.printf(
        Locale.ROOT,
        "%s round %d: %,d rows x %d columns in %.2f s: %,.0f rows/s,"
            + " %.1f MB/s; peak heap above baseline %.1f MB (%.2f x file); kept after GC %.1f MB"
            + " (%.2f x file)%n",
        mode,
        round,
        t.rowCount(),
        t.columns().size(),
        s,
        t.rowCount() / s,
        mb / s,
        peakMb,
        peakMb / mb,
        kept,
        kept / mb);
    return new double[] {t.rowCount() / s, peakMb};
  }

  private static double median(List<Double> values) {
    List<Double> v = values.stream().sorted().toList();
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static Table load(Path file) throws Exception {
    LoadCsv block = new LoadCsv();
    Params p =
        Params.of(
            block.spec(),
            Map.of(
                LoadCsv.FILE.name(),
                JsonNodeFactory.instance.textNode(file.toString()),
                LoadCsv.LABEL.name(),
                JsonNodeFactory.instance.textNode("label")));
    return (Table) block.execute(new Inputs("bench", Map.of()), p, new QuietContext()).get("table");
  }

  private static void write(Path file, int rows) throws IOException {
    SplittableRandom rnd = new SplittableRandom(1);
    String[] cities = {"Paris", "Rome", "Oslo", "Lima", "Kyiv", "Pune"};
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      StringBuilder header = new StringBuilder();
      for (int j = 0; j < 14; j++) {
        header.append("x").append(j).append(',');
      }
      w.write(header + "c0,c1,c2,c3,flag,label\n");
      StringBuilder line = new StringBuilder(256);
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        for (int j = 0; j < 14; j++) {
          if (j % 2 == 0) {
            line.append(rnd.nextInt(100_000));
          } else {
            line.append(String.format(Locale.ROOT, "%.3f", rnd.nextDouble() * 100));
          }
          line.append(',');
        }
        for (int j = 0; j < 4; j++) {
          line.append(cities[rnd.nextInt(cities.length)]).append(',');
        }
        line.append(rnd.nextBoolean() ? "true" : "false").append(',');
        line.append(rnd.nextInt(3) == 0 ? "yes" : "no").append('\n');
        w.write(line.toString());
      }
    }
  }
}
