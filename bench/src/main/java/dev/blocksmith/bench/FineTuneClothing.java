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
 * Fine-tuning on real photos: runs {@code graphs/fine-tune-clothing.json} (the shipped clothing
 * base model learns five new Fashion-MNIST classes from 10 photos each) for seeds 1–5 with the
 * head-only and the LoRA strategy, against the same CNN trained from scratch on the same 50 photos,
 * and prints test accuracy per seed with mean and standard deviation. The seed sets which photos
 * are drawn, the split and the training. Usage: {@code FineTuneClothing [SEEDS]}.
 */
public final class FineTuneClothing {
  private FineTuneClothing() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path file = Path.of("graphs", "fine-tune-clothing.json").toAbsolutePath();
    Graph base = GraphJson.read(file);
    Map<String, List<Double>> results = new LinkedHashMap<>();
    Path runs = Files.createTempDirectory("fine-tune-clothing");
    try (EngineSession session = new EngineSession(NodeRegistry.loadInstalled(), runs)) {
      for (int seed = 1; seed <= seeds; seed++) {
        for (String strategy : List.of("head", "lora")) {
          Graph g =
              base.withParam("photos", "seed", IntNode.valueOf(100 + seed))
                  .withParam("split", "seed", IntNode.valueOf(seed))
                  .withParam("tune", "strategy", TextNode.valueOf(strategy));
          RunResult r =
              session
                  .start(
                      g, file.getParent(), new RunOptions(null, "cpu", (long) seed, false), e -> {})
                  .result()
                  .get();
          if (!r.success()) {
            throw new IllegalStateException("run failed: " + r.messages());
          }
          Report report = (Report) r.output("evaluate", "report");
          results
              .computeIfAbsent("fine-tuned, " + strategy, k -> new ArrayList<>())
              .add(report.parts().get(0).metrics().get("accuracy"));
          if (strategy.equals("head")) {
            results
                .computeIfAbsent("from scratch", k -> new ArrayList<>())
                .add(report.parts().get(1).metrics().get("accuracy"));
          }
          System.out.printf(Locale.ROOT, "seed %d %s done%n", seed, strategy);
        }
      }
    }
    System.out.println("| model | test accuracy per seed 1-" + seeds + " | mean ± sd |");
    System.out.println("| --- | --- | --- |");
    results.forEach(
        (name, v) -> {
          double m = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
          double s =
              Math.sqrt(
                  v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / Math.max(1, v.size() - 1));
          List<String> per = v.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList();
          System.out.printf(
              Locale.ROOT, "| %s | %s | %.3f ± %.3f |%n", name, String.join(", ", per), m, s);
        });
  }
}
