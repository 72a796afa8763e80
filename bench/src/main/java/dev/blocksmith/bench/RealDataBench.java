package dev.blocksmith.bench;

import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs Blocksmith's beginner pipeline (Load CSV → Split → Train → Evaluate, with only the file and
 * the column to predict set) on each CSV file and seed, and writes (1) which rows Split put in each
 * part, so that the other tools train and score on exactly the same rows, and (2) one result line
 * per run: the test score, the wall time of the run and of the Train block, and the Train block's
 * log lines about the model choice and the columns it left out. Not a test: run {@code
 * bench/real-data}.
 *
 * <p>Arguments: DATA_DIR OUT_DIR SEEDS NAME... where each NAME is a CSV file in DATA_DIR without
 * ".csv" (for example {@code iris} or {@code iris-export}). The system property {@code bench.train}
 * (JSON members such as {@code "architecture": "linear"}) sets Train params, to measure one model
 * type instead of the default.
 */
public final class RealDataBench {
  private RealDataBench() {}

  /** Runs the benchmark (see the class comment for the arguments). */
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int seeds = Integer.parseInt(args[2]);
    Files.createDirectories(out.resolve("splits"));
    List<String> lines = new ArrayList<>();
    try (EngineSession session =
        new EngineSession(NodeRegistry.loadInstalled(), Files.createTempDirectory("real-runs"))) {
      for (int a = 3; a < args.length; a++) {
        String name = args[a];
        for (int seed = 1; seed <= seeds; seed++) {
          lines.add(runOnce(session, data.resolve(name + ".csv"), name, seed, out));
          Files.write(out.resolve("blocksmith.jsonl"), lines);
        }
      }
    }
  }

  private static String runOnce(EngineSession session, Path csv, String name, int seed, Path out)
      throws Exception {
    Graph graph = GraphJson.read(graphJson(csv, seed));
    List<String> notes = new ArrayList<>();
    AtomicLong trainMillis = new AtomicLong();
    session.clearCache();
    long t0 = System.nanoTime();
    RunResult r =
        session
            .start(
                graph,
                null,
                new RunOptions(null, "cpu", (long) seed, false),
                e -> {
                  if (e instanceof RunEvent.NodeFinished f && f.nodeId().equals("train")) {
                    trainMillis.set(f.millis());
                  } else if (e instanceof RunEvent.NodeLog l
                      && (l.message().startsWith("Kept the")
                          || l.message().startsWith("Tried ")
                          || l.message().startsWith("Cross-validated ")
                          || l.message().contains("not learned from")
                          || l.message().startsWith("Left out")
                          || l.message().startsWith("Gaps")
                          || l.message().startsWith("Stopped the search")
                          || l.message().contains("looks like")
                          || l.message().contains("date"))) {
                    notes.add(l.nodeId() + ": " + l.message());
                  }
                })
            .result()
            .get();
    double wall = (System.nanoTime() - t0) / 1e9;
    if (!r.success()) {
      throw new IllegalStateException(name + " seed " + seed + " failed: " + r.messages());
    }
    Report report = (Report) r.output("evaluate", "report");
    boolean regression = report.task().equals("regression");
    double score = regression ? report.metrics().get("r2") : report.metrics().get("accuracy");
    writeSplit(
        (Table) r.output("load", "table"),
        r,
        out.resolve("splits").resolve(name + "-s" + seed + ".csv"));
    System.out.printf(
        Locale.ROOT,
        "%s seed %d: %s %.4f in %.1f s (Train %.1f s)%n",
        name,
        seed,
        regression ? "R²" : "accuracy",
        score,
        wall,
        trainMillis.get() / 1000.0);
    notes.forEach(n -> System.out.println("  " + n));
    return String.format(
        Locale.ROOT,
        "{\"data\": \"%s\", \"seed\": %d, \"metric\": \"%s\", \"score\": %.6f, \"wall_s\": %.3f,"
            + " \"train_s\": %.3f, \"notes\": [%s]}",
        name,
        seed,
        regression ? "r2" : "accuracy",
        score,
        wall,
        trainMillis.get() / 1000.0,
        String.join(", ", notes.stream().map(RealDataBench::json).toList()));
  }

  /** Writes "row,part" for every row Split dealt, matching rows by their cells. */
  private static void writeSplit(Table all, RunResult r, Path file) throws IOException {
    Map<String, ArrayDeque<Integer>> rowsByKey = new HashMap<>();
    for (int i = 0; i < all.rowCount(); i++) {
      rowsByKey.computeIfAbsent(key(all, i), k -> new ArrayDeque<>()).add(i);
    }
    List<String> lines = new ArrayList<>(List.of("row,part"));
    for (String part : List.of("train", "validation", "test")) {
      Table t = (Table) r.output("split", part);
      for (int i = 0; i < t.rowCount(); i++) {
        // Identical rows are interchangeable, so any of them may stand for this one.
        lines.add(rowsByKey.get(key(t, i)).poll() + "," + part);
      }
    }
    Files.write(file, lines);
  }

  private static String key(Table t, int row) {
    StringBuilder b = new StringBuilder();
    for (Column c : t.columns()) {
      b.append(c.isMissing(row) ? "" : c.format(row)).append('\u0001');
    }
    return b.toString();
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String graphJson(Path csv, int seed) {
    return """
        {"formatVersion": 2, "name": "beginner pipeline",
         "nodes": [
          {"id": "load", "type": "data.load-csv", "typeVersion": 1,
           "params": {"file": %s, "label": "target"}},
          {"id": "split", "type": "prepare.split", "typeVersion": 1, "params": {"seed": %d}},
          {"id": "train", "type": "train.train", "typeVersion": 1, "params": {%s}},
          {"id": "evaluate", "type": "evaluate.evaluate", "typeVersion": 1, "params": {}}],
         "edges": [{"from": "load.table", "to": "split.data"},
                   {"from": "split.train", "to": "train.train"},
                   {"from": "split.validation", "to": "train.validation"},
                   {"from": "train.model", "to": "evaluate.model"},
                   {"from": "split.test", "to": "evaluate.data"}]}
        """
        .formatted(
            json(csv.toAbsolutePath().toString()), seed, System.getProperty("bench.train", ""));
  }
}
