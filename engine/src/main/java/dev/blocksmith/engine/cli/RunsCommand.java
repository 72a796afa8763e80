package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.exec.EnergyMeter;
import dev.blocksmith.engine.history.PastRun;
import dev.blocksmith.engine.history.RunHistory;
import dev.blocksmith.engine.session.EngineSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runs}: the run history. {@code runs} lists the runs, newest first; {@code runs compare A B
 * [C…]} shows their metrics, curves and the settings that differ side by side; {@code runs open ID}
 * writes the pipeline exactly as that run ran it, to open in the editor or run again. A run is
 * named by its folder name, a unique part of it, {@code last} or {@code last-N}.
 */
@Command(name = "runs", description = "List, compare and reopen past runs.")
final class RunsCommand implements Callable<Integer> {
  private static final String BARS = "▁▂▃▄▅▆▇█";
  private final Cli.Env env;

  @Parameters(
      paramLabel = "ACTION",
      arity = "0..*",
      description = "Nothing (list), 'compare ID ID…' or 'open ID'.")
  List<String> args = new ArrayList<>();

  @Option(names = "--runs", paramLabel = "DIR", description = "Where the run folders are.")
  Path runs;

  @Option(names = "--out", paramLabel = "FILE", description = "For open: where to write it.")
  Path out;

  @Option(names = "--limit", description = "For the list: how many runs (default 20).")
  int limit = 20;

  RunsCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Path root = runs != null ? runs : EngineSession.defaultRunsRoot();
    RunHistory history = RunHistory.load(root);
    try {
      if (args.isEmpty()) {
        return list(history);
      }
      return switch (args.get(0)) {
        case "compare" -> compare(history, args.subList(1, args.size()));
        case "open" -> open(history, args.subList(1, args.size()));
        default -> {
          env.err()
              .println(
                  "Unknown action '"
                      + args.get(0)
                      + "': use 'blocksmith runs', "
                      + "'blocksmith runs compare ID ID' or 'blocksmith runs open ID'.");
          yield 2;
        }
      };
    } catch (IllegalArgumentException e) {
      env.err().println(e.getMessage());
      return 2;
    }
  }

  private int list(RunHistory history) {
    List<PastRun> all = history.runs();
    if (all.isEmpty()) {
      env.out().println("No runs yet in " + history.root() + ".");
      return 0;
    }
    env.out().printf("%-24s %-26s %-8s %9s  %s%n", "RUN", "PIPELINE", "RESULT", "TIME", "SCORES");
    for (PastRun r : all.subList(0, Math.min(limit, all.size()))) {
      env.out()
          .printf(
              "%-24s %-26s %-8s %8.1fs  %s%n",
              r.id(),
              cut(r.name(), 26),
              r.success() ? "ok" : "failed",
              r.seconds(),
              cut(r.scores(), 60));
    }
    env.out()
        .println(
            "Compare: blocksmith runs compare "
                + all.get(0).id()
                + (all.size() > 1 ? " " + all.get(1).id() : "")
                + "   Reopen: blocksmith runs open ID");
    return 0;
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private int open(RunHistory history, List<String> ids) {
    if (ids.size() != 1) {
      throw new IllegalArgumentException("Name one run: blocksmith runs open ID");
    }
    PastRun r = history.find(ids.get(0));
    Path target = RunHistory.writePipeline(r, out != null ? out : r.dir().resolve("pipeline.json"));
    env.out().println("Wrote the pipeline of run " + r.id() + " to " + target);
    env.out()
        .println(
            "Open it with: ./blocksmith "
                + target
                + "   or run it again: ./blocksmith"
                + " run "
                + target);
    return 0;
  }

  private int compare(RunHistory history, List<String> ids) {
    if (ids.size() < 2) {
      throw new IllegalArgumentException("Name two or more runs: blocksmith runs compare A B");
    }
    List<PastRun> rs = new ArrayList<>();
    for (String id : ids) {
      rs.add(history.find(id));
    }
    var o = env.out();
    for (int i = 0; i < rs.size(); i++) {
      PastRun r = rs.get(i);
      o.printf(
          "%s = %s  %s, %s, %.1f s%n",
          letter(i), r.id(), r.name(), r.success() ? "ok" : "failed", r.seconds());
    }
    table("Settings that differ", RunHistory.differingSettings(rs));
    table("Metrics", RunHistory.metrics(rs));
    curves(rs);
    o.println();
    o.println("Energy and CPU time:");
    for (int i = 0; i < rs.size(); i++) {
      var e = rs.get(i).energy();
      o.println(
          "  " + letter(i) + ": " + (e.isObject() ? EnergyMeter.describe(e) : "not recorded"));
    }
    return 0;
  }

  private static String letter(int i) {
    return String.valueOf((char) ('A' + i));
  }

  private void table(String title, Map<String, List<String>> rows) {
    env.out().println();
    env.out().println(title + (rows.isEmpty() ? ": none" : ":"));
    rows.forEach(
        (k, vals) -> {
          StringBuilder sb = new StringBuilder(String.format("  %-34s", cut(k, 34)));
          vals.forEach(v -> sb.append(String.format(" %-14s", cut(v, 14))));
          env.out().println(sb);
        });
  }

  /**
   * Prints each curve of each run as a small bar chart on one shared scale, with its last value.
   */
  private void curves(List<PastRun> rs) {
    List<String> names = RunHistory.curveNames(rs);
    if (names.isEmpty()) {
      return;
    }
    env.out().println();
    env.out().println("Curves (per epoch, one scale per curve; last value):");
    for (String name : names) {
      List<List<Double>> series =
          rs.stream().map(r -> r.curves().getOrDefault(name, List.of())).toList();
      double lo =
          series.stream()
              .flatMap(List::stream)
              .filter(Objects::nonNull)
              .mapToDouble(Double::doubleValue)
              .min()
              .orElse(0);
      double hi =
          series.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(1);
      env.out().println("  " + name);
      for (int i = 0; i < rs.size(); i++) {
        List<Double> v = series.get(i);
        env.out()
            .println(
                "    "
                    + letter(i)
                    + " "
                    + spark(v, lo, hi)
                    + (v.isEmpty()
                        ? "—"
                        : "  " + PastRun.format(v.get(v.size() - 1)) + " after " + v.size()));
      }
    }
  }

  private static String spark(List<Double> v, double lo, double hi) {
    StringBuilder sb = new StringBuilder();
    int step = Math.max(1, (v.size() + 59) / 60);
    for (int i = 0; i < v.size(); i += step) {
      double f = hi > lo ? (v.get(i) - lo) / (hi - lo) : 0.5;
      sb.append(BARS.charAt((int) Math.max(0, Math.min(7, Math.round(f * 7)))));
    }
    return sb.toString();
  }
}
