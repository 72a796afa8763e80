package dev.blocksmith.editor.worker;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.engine.exec.OutputCache;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.validate.PathPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Warms a process that waits for work (the editor's worker, the CLI's background process) before
 * the user's first run: loads PyTorch with one tiny operation, then runs a tiny pipeline of the
 * built-in blocks ({@code warm-up.json}: 120 digits through a one-epoch CNN, 120 spiral points
 * through a small MLP, each evaluated) in a throwaway session — a temporary runs folder with its
 * own disk cache, deleted afterwards — so that validation, planning, the executor, training and
 * Evaluate have run once and the user's run does not pay for class loading and cold code. Nothing
 * of it is kept or shown; a failure (a missing block, no engine) is ignored, since the user's run
 * reports its own problems.
 */
public final class WarmUp {
  private WarmUp() {}

  /** Returns the milliseconds the warm-up took. */
  public static long run(NodeRegistry registry) {
    long t0 = System.nanoTime();
    try {
      dev.blocksmith.engine.djl.Devices.warmUp();
    } catch (RuntimeException | LinkageError e) {
      return (System.nanoTime() - t0) / 1_000_000; // no engine: nothing more to warm
    }
    if (!Boolean.parseBoolean(System.getProperty("blocksmith.warmUpRun", "true"))) {
      return (System.nanoTime() - t0) / 1_000_000;
    }
    Path runs = null;
    try (InputStream in = WarmUp.class.getResourceAsStream("warm-up.json")) {
      if (in == null) {
        return -1;
      }
      Graph g = GraphJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      runs = Files.createTempDirectory("blocksmith-warm-up");
      try (EngineSession s = new EngineSession(registry, runs, throwawayCache(runs))) {
        // twice: the second time with only Evaluate's setting changed, as a user's re-run is, so
        // that serving from the cache and recalling the scores are warm too
        for (Graph run : List.of(g, evaluateChanged(g))) {
          RunResult r =
              s.start(run, runs, RunOptions.DEFAULTS, e -> {}, PathPolicy.standard())
                  .result()
                  .get(120, TimeUnit.SECONDS);
          if (!r.success()) {
            System.err.println("warm-up run did not finish: " + r.messages());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      System.err.println("warm-up run failed (ignored): " + e);
    } finally {
      deleteQuietly(runs);
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /**
   * Like {@link #run}, but the tiny pipeline goes through the command line ({@code Cli.execute}
   * {@code run}, output thrown away), so that picocli, loading and checking a file, and printing
   * the results are warm too (the CLI's background process). Returns the milliseconds it took.
   */
  public static long runCommandLine(NodeRegistry registry) {
    long t0 = System.nanoTime();
    try {
      dev.blocksmith.engine.djl.Devices.warmUp();
    } catch (RuntimeException | LinkageError e) {
      return (System.nanoTime() - t0) / 1_000_000;
    }
    if (!Boolean.parseBoolean(System.getProperty("blocksmith.warmUpRun", "true"))) {
      return (System.nanoTime() - t0) / 1_000_000;
    }
    Path folder = null;
    try (InputStream in = WarmUp.class.getResourceAsStream("warm-up.json")) {
      if (in == null) {
        return -1;
      }
      folder = Files.createTempDirectory("blocksmith-warm-up");
      Path file = folder.resolve("warm-up.json");
      Files.write(file, in.readAllBytes());
      java.io.PrintStream none =
          new java.io.PrintStream(
              java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      var caller = new dev.blocksmith.engine.cli.Cli.Caller(folder, false, throwawayCache(folder));
      String runs = folder.resolve("runs").toString();
      dev.blocksmith.engine.cli.Cli.execute(
          registry, none, none, caller, "run", file.toString(), "--runs", runs);
      // again with only Evaluate's setting changed, as a user's re-run is (see run)
      dev.blocksmith.engine.cli.Cli.execute(
          registry,
          none,
          none,
          caller,
          "run",
          file.toString(),
          "--runs",
          runs,
          "--set",
          "imageEvaluate.batchSize=" + RE_RUN_BATCH,
          "--set",
          "tableEvaluate.batchSize=" + RE_RUN_BATCH);
    } catch (IOException | RuntimeException | LinkageError e) {
      System.err.println("warm-up run failed (ignored): " + e);
    } finally {
      deleteQuietly(folder);
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** The batch size of the warm-up's re-run (any other than Evaluate's default). */
  private static final int RE_RUN_BATCH = 64;

  /** Returns the warm-up graph with every Evaluate's batch size changed. */
  private static Graph evaluateChanged(Graph g) {
    Graph out = g;
    for (var n : g.nodes()) {
      if (n.type().equals("evaluate.evaluate")) {
        out = out.withParam(n.id(), "batchSize", IntNode.valueOf(RE_RUN_BATCH));
      }
    }
    return out;
  }

  /**
   * A cache with a disk tier inside the throwaway folder: the user's first run stores its outputs
   * on disk, so writing them (the codecs, the report's JSON) is warmed too, not only reading them.
   */
  private static OutputCache throwawayCache(Path folder) {
    return new OutputCache(
        OutputCache.DEFAULT_MEMORY_BYTES,
        new dev.blocksmith.engine.store.DiskCache(folder.resolve("cache"), 64L << 20));
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temp folder left behind is harmless
    }
  }
}
