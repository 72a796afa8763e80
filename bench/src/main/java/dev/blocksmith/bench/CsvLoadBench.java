package dev.blocksmith.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.data.LoadCsv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Runs the benchmark; the optional argument is the row count. */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("csv-bench");
    Path file = dir.resolve("bench.csv");
    try {
      write(file, rows);
      double mb = Files.size(file) / 1e6;
      System.out.printf(Locale.ROOT, "file: %,d rows x 20 columns, %.1f MB%n", rows, mb);
      load(file); // warm-up: JIT-compile the hot path once
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long baseline = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(baseline);
      Thread sampler = new Thread(() -> {
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
      System.out.printf(Locale.ROOT, "loaded %,d rows x %d columns in %.2f s: %,.0f rows/s,"
          + " %.1f MB/s%n", t.rowCount(), t.columns().size(), s, rows / s, mb / s);
      System.out.printf(Locale.ROOT, "peak heap above baseline: %.1f MB (%.2f x file size);"
          + " baseline %.1f MB%n", (peak.get() - baseline) / 1e6,
          (peak.get() - baseline) / 1e6 / mb, baseline / 1e6);
      System.gc();
      long retained = memory.getHeapMemoryUsage().getUsed() - baseline;
      java.lang.ref.Reference.reachabilityFence(t);
      System.out.printf(Locale.ROOT, "heap kept by the loaded table (after GC): %.1f MB (%.2f x"
          + " file size)%n", retained / 1e6, retained / 1e6 / mb);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static Table load(Path file) throws Exception {
    LoadCsv block = new LoadCsv();
    Params p = Params.of(block.spec(), Map.of(LoadCsv.FILE,
        JsonNodeFactory.instance.textNode(file.toString()), LoadCsv.LABEL,
        JsonNodeFactory.instance.textNode("label")));
    return (Table) block.execute(new Inputs("bench", Map.of()), p, new QuietContext())
        .get("table");
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
