package dev.blocksmith.bench;

import dev.blocksmith.engine.embed.SentenceEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Text features speed: embeds N sentences (one per line of a file) with the shipped MiniLM into an
 * empty cache folder, then again (all from the cache), and prints both times and their ratio.
 * Usage: {@code TextFeaturesSpeed SENTENCES_FILE N CACHE_FOLDER}. Run with {@code
 * -Dblocksmith.threads=2} to use two cores.
 */
public final class TextFeaturesSpeed {
  private TextFeaturesSpeed() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    List<String> lines =
        Files.readAllLines(Path.of(args[0])).stream().filter(s -> !s.isBlank()).distinct().toList();
    int n = Math.min(Integer.parseInt(args[1]), lines.size());
    List<String> texts = lines.subList(0, n);
    System.setProperty("blocksmith.cache", args[2]);
    long t0 = System.nanoTime();
    SentenceEmbedder e = SentenceEmbedder.shared();
    long t1 = System.nanoTime();
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long c1 = os.getProcessCpuTime();
    int missing = e.missing(texts);
    e.embed(texts, (done, total) -> {});
    long t2 = System.nanoTime();
    long c2 = os.getProcessCpuTime();
    e.embed(texts, (done, total) -> {});
    long t3 = System.nanoTime();
    double load = (t1 - t0) / 1e9;
    double cold = (t2 - t1) / 1e9;
    double warm = (t3 - t2) / 1e9;
    double words = texts.stream().mapToInt(s -> s.split("\\s+").length).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "texts=%d (not cached before: %d, mean %.1f words) threads=%s batch=%s%n"
            + "model load %.2f s; embed %.2f s (%.0f texts/s); cached re-run %.3f s; "
            + "speed-up %.0fx%nCPU time of the embedding: %.1f s (all threads)%n",
        n,
        missing,
        words,
        System.getProperty("blocksmith.threads", "all"),
        System.getProperty("blocksmith.embed.batch", "32"),
        load,
        cold,
        n / cold,
        warm,
        cold / warm,
        (c2 - c1) / 1e9);
  }
}
