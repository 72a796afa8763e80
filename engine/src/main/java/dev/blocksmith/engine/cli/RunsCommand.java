package dev.blocksmith.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.exec.EnergyMeter;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.session.EngineSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
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

  /** One run folder's run.json. */
  private record RunInfo(String id, Path dir, JsonNode json) {}

  @Override
  public Integer call() {
    Path root = runs != null ? runs : EngineSession.defaultRunsRoot();
    List<RunInfo> all = load(root);
    try {
      if (args.isEmpty()) {
        return list(root, all);
      }
      return switch (args.get(0)) {
        case "compare" -> compare(all, args.subList(1, args.size()));
        case "open" -> open(all, args.subList(1, args.size()));
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

  private static List<RunInfo> load(Path root) {
    List<RunInfo> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (var dirs = Files.list(root)) {
      for (Path d : dirs.sorted(Comparator.reverseOrder()).toList()) {
        Path f = d.resolve("run.json");
        if (Files.isRegularFile(f) && Files.size(f) < 64L * 1024 * 1024) {
          try {
            out.add(
                new RunInfo(
                    d.getFileName().toString(), d, GraphJson.mapper().readTree(f.toFile())));
          } catch (IOException e) {
            // A damaged run.json is skipped, not fatal.
          }
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  private int list(Path root, List<RunInfo> all) {
    if (all.isEmpty()) {
      env.out().println("No runs yet in " + root + ".");
      return 0;
    }
    env.out().printf("%-24s %-26s %-8s %9s  %s%n", "RUN", "PIPELINE", "RESULT", "TIME", "SCORES");
    for (RunInfo r : all.subList(0, Math.min(limit, all.size()))) {
      env.out()
          .printf(
              "%-24s %-26s %-8s %8.1fs  %s%n",
              r.id(),
              cut(name(r), 26),
              r.json().path("success").asBoolean() ? "ok" : "failed",
              r.json().path("millis").asLong() / 1000.0,
              cut(scores(r), 60));
    }
    env.out()
        .println(
            "Compare: blocksmith runs compare "
                + all.get(0).id()
                + (all.size() > 1 ? " " + all.get(1).id() : "")
                + "   Reopen: blocksmith runs open ID");
    return 0;
  }

  private static String name(RunInfo r) {
    JsonNode p = r.json().path("pipeline");
    return p.path("name").isTextual() ? p.path("name").asText() : r.json().path("graph").asText();
  }

  private static String scores(RunInfo r) {
    List<String> parts = new ArrayList<>();
    metrics(r)
        .forEach(
            (k, v) -> {
              if (k.endsWith("accuracy")
                  || k.endsWith("r2")
                  || k.endsWith("R²")
                  || k.endsWith("mae")) {
                parts.add(k + " " + fmt(v));
              }
            });
    return String.join(", ", parts);
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private RunInfo find(List<RunInfo> all, String key) {
    if (key.equals("last") || key.matches("last-\\d+")) {
      int back = key.equals("last") ? 0 : Integer.parseInt(key.substring(5));
      if (back >= all.size()) {
        throw new IllegalArgumentException("There are only " + all.size() + " runs.");
      }
      return all.get(back);
    }
    List<RunInfo> hits = all.stream().filter(r -> r.id().contains(key)).toList();
    if (hits.size() != 1) {
      throw new IllegalArgumentException(
          hits.isEmpty()
              ? "No run matches '" + key + "'. See the list with: blocksmith runs"
              : "'" + key + "' matches " + hits.size() + " runs; give more of the name.");
    }
    return hits.get(0);
  }

  private int open(List<RunInfo> all, List<String> ids) {
    if (ids.size() != 1) {
      throw new IllegalArgumentException("Name one run: blocksmith runs open ID");
    }
    RunInfo r = find(all, ids.get(0));
    JsonNode p = r.json().path("pipeline");
    if (!p.isObject()) {
      throw new IllegalArgumentException(
          "Run " + r.id() + " was recorded without its pipeline" + " (an older version).");
    }
    Path target = out != null ? out : r.dir().resolve("pipeline.json");
    try {
      GraphFiles.writeAtomically(
          target,
          GraphJson.write(GraphJson.read(p.toString()))
              .getBytes(java.nio.charset.StandardCharsets.UTF_8),
          false);
    } catch (IOException | dev.blocksmith.engine.graph.GraphFormatException e) {
      throw new IllegalArgumentException("Could not write " + target + ": " + e.getMessage());
    }
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

  private int compare(List<RunInfo> all, List<String> ids) {
    if (ids.size() < 2) {
      throw new IllegalArgumentException("Name two or more runs: blocksmith runs compare A B");
    }
    List<RunInfo> rs = new ArrayList<>();
    for (String id : ids) {
      rs.add(find(all, id));
    }
    var o = env.out();
    for (int i = 0; i < rs.size(); i++) {
      RunInfo r = rs.get(i);
      o.printf(
          "%s = %s  %s, %s, %.1f s%n",
          letter(i),
          r.id(),
          name(r),
          r.json().path("success").asBoolean() ? "ok" : "failed",
          r.json().path("millis").asLong() / 1000.0);
    }
    List<Map<String, String>> settings = rs.stream().map(RunsCommand::settings).toList();
    table("Settings that differ", settings, true);
    List<Map<String, String>> metrics =
        rs.stream()
            .map(
                r -> {
                  Map<String, String> m = new TreeMap<>();
                  metrics(r).forEach((k, v) -> m.put(k, fmt(v)));
                  return m;
                })
            .toList();
    table("Metrics", metrics, false);
    curves(rs);
    o.println();
    o.println("Energy and CPU time:");
    for (int i = 0; i < rs.size(); i++) {
      JsonNode e = rs.get(i).json().path("energy");
      o.println(
          "  " + letter(i) + ": " + (e.isObject() ? EnergyMeter.describe(e) : "not recorded"));
    }
    return 0;
  }

  private static String letter(int i) {
    return String.valueOf((char) ('A' + i));
  }

  /** Flattens what decides a run's result: every block setting, seed, device, versions. */
  static Map<String, String> settings(RunInfo r) {
    Map<String, String> s = new TreeMap<>();
    JsonNode j = r.json();
    s.put("run.seed", j.path("seed").asText());
    s.put("run.device", j.path("device").asText());
    s.put("run.reproducible", j.path("reproducible").asText());
    s.put("run.engine", j.path("engine").asText("local"));
    j.path("versions")
        .properties()
        .forEach(e -> s.put("version." + e.getKey(), e.getValue().asText()));
    s.put("run.overrides", j.path("overrides").toString());
    for (JsonNode n : j.path("pipeline").path("nodes")) {
      String id = n.path("id").asText();
      s.put(id + ".type", n.path("type").asText());
      n.path("params")
          .properties()
          .forEach(
              e ->
                  s.put(
                      id + "." + e.getKey(),
                      e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    }
    return s;
  }

  private static Map<String, Double> metrics(RunInfo r) {
    Map<String, Double> m = new TreeMap<>();
    r.json()
        .path("nodes")
        .properties()
        .forEach(
            n ->
                n.getValue()
                    .path("metrics")
                    .properties()
                    .forEach(e -> m.put(n.getKey() + "." + e.getKey(), e.getValue().asDouble())));
    return m;
  }

  private void table(String title, List<Map<String, String>> columns, boolean onlyDiffering) {
    TreeSet<String> keys = new TreeSet<>();
    columns.forEach(c -> keys.addAll(c.keySet()));
    List<String> rows = new ArrayList<>();
    for (String k : keys) {
      List<String> vals = columns.stream().map(c -> c.getOrDefault(k, "—")).toList();
      if (onlyDiffering && vals.stream().distinct().count() == 1) {
        continue;
      }
      StringBuilder sb = new StringBuilder(String.format("  %-34s", cut(k, 34)));
      vals.forEach(v -> sb.append(String.format(" %-14s", cut(v, 14))));
      rows.add(sb.toString());
    }
    env.out().println();
    env.out().println(title + (rows.isEmpty() ? ": none" : ":"));
    rows.forEach(env.out()::println);
  }

  /**
   * Prints each curve of each run as a small bar chart on one shared scale, with its last value.
   */
  private void curves(List<RunInfo> rs) {
    TreeSet<String> names = new TreeSet<>();
    for (RunInfo r : rs) {
      r.json()
          .path("nodes")
          .properties()
          .forEach(
              n ->
                  n.getValue()
                      .path("curves")
                      .properties()
                      .forEach(c -> names.add(n.getKey() + "." + c.getKey())));
    }
    if (names.isEmpty()) {
      return;
    }
    env.out().println();
    env.out().println("Curves (per epoch, one scale per curve; last value):");
    for (String name : names) {
      int dot = name.indexOf('.');
      List<List<Double>> series = new ArrayList<>();
      for (RunInfo r : rs) {
        List<Double> v = new ArrayList<>();
        r.json()
            .path("nodes")
            .path(name.substring(0, dot))
            .path("curves")
            .path(name.substring(dot + 1))
            .forEach(x -> v.add(x.asDouble()));
        series.add(v);
      }
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
                    + (v.isEmpty() ? "—" : "  " + fmt(v.get(v.size() - 1)) + " after " + v.size()));
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

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }
}
