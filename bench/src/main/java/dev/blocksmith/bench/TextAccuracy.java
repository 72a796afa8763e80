package dev.blocksmith.bench;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.value.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text accuracy: runs {@code graphs/understand-text.json} (sentence meaning and word counts on the
 * same split) for seeds 1–5, each with a linear head and with an MLP head (64), and prints the test
 * accuracy and macro F1 of every variant with mean and standard deviation. The seed sets both the
 * split and the training. Usage: {@code TextAccuracy [SEEDS]}.
 */
public final class TextAccuracy {
  private TextAccuracy() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path file = Path.of("graphs", "understand-text.json").toAbsolutePath();
    Graph base = GraphJson.read(file);
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    Path runs = Files.createTempDirectory("text-accuracy");
    try (EngineSession session = new EngineSession(NodeRegistry.loadInstalled(), runs)) {
      for (int seed = 1; seed <= seeds; seed++) {
        for (String arch : List.of("linear", "mlp")) {
          Graph g = base;
          for (String split : List.of("split", "split-words")) {
            g = g.withParam(split, "seed", IntNode.valueOf(seed));
          }
          for (String train : List.of("train", "train-words")) {
            g = g.withParam(train, "architecture", TextNode.valueOf(arch));
          }
          RunResult r =
              session
                  .start(
                      g, file.getParent(), new RunOptions(null, "cpu", (long) seed, false), e -> {})
                  .result()
                  .get();
          if (!r.success()) {
            throw new IllegalStateException("run failed: " + r.messages());
          }
          record(
              results,
              "sentence meaning (MiniLM, frozen) + " + arch + " head",
              (Report) r.output("evaluate", "report"));
          record(
              results,
              "word counts (TF-IDF) + "
                  + arch
                  + (arch.equals("mlp") ? " (learns its own word vectors from scratch)" : ""),
              (Report) r.output("evaluate-words", "report"));
          System.out.printf(Locale.ROOT, "seed %d %s done%n", seed, arch);
        }
      }
    }
    System.out.println(
        "| model | test accuracy per seed 1-"
            + seeds
            + " | accuracy mean ± sd | macro F1 mean ± sd |");
    System.out.println("| --- | --- | --- | --- |");
    results.forEach(
        (name, rows) -> {
          List<String> per = new ArrayList<>();
          rows.forEach(v -> per.add(String.format(Locale.ROOT, "%.3f", v[0])));
          System.out.printf(
              Locale.ROOT,
              "| %s | %s | %.3f ± %.3f | %.3f ± %.3f |%n",
              name,
              String.join(", ", per),
              mean(rows, 0),
              sd(rows, 0),
              mean(rows, 1),
              sd(rows, 1));
        });
  }

  private static void record(Map<String, List<double[]>> results, String name, Report report) {
    results
        .computeIfAbsent(name, k -> new ArrayList<>())
        .add(new double[] {report.metrics().get("accuracy"), report.metrics().get("macro F1")});
  }

  private static double mean(List<double[]> rows, int i) {
    return rows.stream().mapToDouble(v -> v[i]).average().orElse(Double.NaN);
  }

  private static double sd(List<double[]> rows, int i) {
    double m = mean(rows, i);
    double s = rows.stream().mapToDouble(v -> (v[i] - m) * (v[i] - m)).sum();
    return Math.sqrt(s / Math.max(1, rows.size() - 1));
  }
}
