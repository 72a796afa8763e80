package dev.blocksmith.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.coach.Fixes;
import dev.blocksmith.engine.djl.Devices;
import dev.blocksmith.engine.djl.TrainingLoop;
import dev.blocksmith.engine.exec.EnergyMeter;
import dev.blocksmith.engine.exec.Estimator;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.exec.OutputCache;
import dev.blocksmith.engine.exec.RunHandle;
import dev.blocksmith.engine.exec.RunListener;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.spi.Value;
import dev.blocksmith.engine.text.EstimateText;
import dev.blocksmith.engine.text.ReportText;
import dev.blocksmith.engine.text.TableText;
import dev.blocksmith.engine.validate.PathPolicy;
import dev.blocksmith.engine.validate.Problem;
import dev.blocksmith.engine.value.Report;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run FILE}: validates and runs a pipeline, printing progress and results. */
@Command(name = "run", description = "Run a pipeline and print its results.")
final class RunCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The pipeline file (.json), a bundle (.blocksmith) or a model (.bsmodel).")
  Path file;

  @Option(names = "--json", description = "Print a machine-readable summary instead of text.")
  boolean json;

  @Option(
      names = "--set",
      paramLabel = "NODE.PARAM=VALUE",
      description = "Change a setting for this run, e.g. --set train.epochs=5.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--show",
      paramLabel = "NODE",
      description = "Print a preview of a node's output.")
  List<String> show = new ArrayList<>();

  @Option(names = "--device", description = "cpu, gpu or gpu:N (default: GPU when present).")
  String device;

  @Option(names = "--seed", description = "Seed for sampling and initialisation (default 42).")
  Long seed;

  @Option(names = "--reproducible", description = "Use one thread so runs repeat exactly.")
  boolean reproducible;

  @Option(
      names = "--block-timeout",
      paramLabel = "TIME",
      converter = DurationText.class,
      description =
          "Stop any block that runs longer than this (such as 90s, 10m, 2h); a block that does"
              + " not stop when told to is left behind and the run ends without it.")
  java.time.Duration blockTimeout;

  @Option(names = "--runs", paramLabel = "DIR", description = "Where to write run folders.")
  Path runs;

  @Option(
      names = "--no-cache",
      description =
          "Run every block again instead of reusing saved results (new results are"
              + " still saved).")
  boolean noCache;

  @Option(
      names = "--spark",
      paramLabel = "MASTER",
      description = "Run on Apache Spark (local[2], spark://host:7077); needs the spark module.")
  String spark;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description =
          "Also write a self-contained HTML report of the run (pipeline, data, "
              + "metrics, charts, mistakes, findings).")
  Path report;

  @Option(
      names = "--csv",
      paramLabel = "NODE.PORT=FILE",
      description = "Save a table output as CSV, such as evaluate.mistakes=mistakes.csv.")
  List<String> csv = new ArrayList<>();

  @Option(
      names = "--estimate",
      description =
          "Do not train: say for each training block how many numbers it learns, the memory and"
              + " the time it needs (from a short timing probe on the real data), and warn when it"
              + " will not fit or will take hours.")
  boolean estimate;

  @Option(
      names = "--timings",
      description = "Print how long after the JVM started the first training step ended.")
  boolean timings;

  @Option(
      names = "--no-daemon",
      description =
          "Run in this process only: do not use or start the background process that keeps"
              + " Blocksmith loaded between commands (also BLOCKSMITH_DAEMON=off).")
  boolean noDaemon;

  @Mixin PathOptions paths = new PathOptions();

  /** The exit code of a run cancelled because its caller went away (128 + SIGINT, as shells do). */
  static final int CANCELLED = 130;

  RunCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    // Relative paths on the command line are the caller's (a background process serves commands
    // typed in other folders), never this process's working directory.
    file = env.resolve(file);
    runs = env.resolve(runs);
    report = env.resolve(report);
    Graph g;
    try {
      file = GraphLoader.unbundle(file, env.err());
      g = Overrides.apply(GraphLoader.load(file), env.registry(), sets);
    } catch (GraphLoader.LoadFailure | IllegalArgumentException e) {
      env.err().println(e.getMessage());
      return 2;
    }
    if (!reproducible && hasHeavy(g)) {
      Devices.preloadInBackground(); // overlaps engine loading with validation and data blocks
    }
    for (String n : show) {
      if (g.node(n).isEmpty()) {
        env.err().println("--show " + n + ": there is no block '" + n + "' in this pipeline.");
        return 2;
      }
    }
    Path base = GraphLoader.baseDir(file);
    PathPolicy policy = paths.policy(env.cwd());
    if (file.toString().endsWith(ModelBundle.EXTENSION)) {
      policy = RecipeConsent.ask(g, env, base, policy, file);
      if (policy == null) {
        return 2;
      }
    }
    Path root = runs != null ? runs : EngineSession.defaultRunsRoot();
    if (spark != null) {
      return runOnSpark(g, base, root);
    }
    OutputCache cache;
    try {
      cache = env.cache() != null && !noCache ? env.cache() : EngineSession.defaultCache(!noCache);
    } catch (IllegalArgumentException e) {
      env.err().println("The cache size setting is wrong: " + e.getMessage());
      return 2;
    }
    try (EngineSession session = new EngineSession(env.registry(), root, cache)) {
      List<Problem> problems = session.validate(g, base, policy);
      List<Problem> blocking = problems.stream().filter(p -> !p.isWarning()).toList();
      if (!blocking.isEmpty()) {
        printProblems(problems);
        return 2;
      }
      if (estimate) {
        return printEstimate(session, g, base);
      }
      RunListener listener =
          json
              ? e -> {}
              : new ConsoleProgress(
                  env.out(), env.terminal(), hasHeavy(g) ? "Training" : "Running");
      RunResult r;
      RunHandle handle =
          session.start(
              g,
              base,
              new RunOptions(Set.of(), device, seed, reproducible, blockTimeout),
              listener,
              policy);
      try {
        r = handle.result().get();
      } catch (ExecutionException e) {
        env.err().println("The run stopped unexpectedly: " + e.getCause());
        return 1;
      } catch (InterruptedException e) {
        // The caller went away (Ctrl+C on a command a background process served): stop the run.
        handle.cancel();
        env.err().println("The run was cancelled.");
        Thread.currentThread().interrupt();
        return CANCELLED;
      }
      JsonNode energy = recordOverrides(r);
      if (json) {
        env.out().println(summary(g, r).toPrettyString());
      } else {
        printResult(g, r);
      }
      if (!json && energy != null && energy.isObject()) {
        env.out().println(EnergyMeter.describe(energy));
      }
      if (timings) {
        printTimings();
      }
      int saved = RunFiles.save(g, r, env, base, report, csv);
      return saved != 0 ? saved : r.success() ? 0 : 1;
    }
  }

  private int printEstimate(EngineSession session, Graph g, Path base) throws InterruptedException {
    RunListener listener =
        json ? e -> {} : new ConsoleProgress(env.out(), env.terminal(), "Preparing");
    Estimator.Result r;
    try {
      r = session.estimate(g, base, new RunOptions(Set.of(), device, seed, reproducible), listener);
    } catch (IllegalArgumentException | IllegalStateException e) {
      env.err().println("Could not estimate: " + e.getMessage());
      return 1;
    }
    if (json) {
      ObjectNode root = GraphJson.mapper().createObjectNode();
      root.put("millis", r.millis());
      root.set("estimates", GraphJson.mapper().valueToTree(r.estimates()));
      root.set("skipped", GraphJson.mapper().valueToTree(r.skipped()));
      env.out().println(root.toPrettyString());
      return 0;
    }
    var out = env.out();
    out.println();
    if (r.estimates().isEmpty() && r.skipped().isEmpty()) {
      out.println("Nothing to estimate: this pipeline has no training block.");
    }
    for (var e : r.estimates()) {
      String name = g.node(e.nodeId()).map(n -> n.label()).orElse(null);
      out.println(
          "Estimate for '"
              + e.nodeId()
              + "'"
              + (name == null || name.isBlank() ? "" : " (" + name + ")")
              + " — nothing was trained:");
      EstimateText.lines(e).forEach(l -> out.println("  " + l));
      out.println();
    }
    r.skipped().forEach((id, why) -> out.println("No estimate for '" + id + "': " + why));
    out.println(
        "Estimated in "
            + EstimateText.duration(r.millis() / 1000.0)
            + (r.warns() ? "; see the warnings above before you run it." : "."));
    return 0;
  }

  private int runOnSpark(Graph g, Path base, Path root) {
    var runner = ClusterRunner.find("spark");
    if (runner.isEmpty()) {
      env.err()
          .println(
              "The Spark runner is not built. Build it once with\n"
                  + "  mvn -B -pl spark -am package -DskipTests\n"
                  + "then run again: ./blocksmith run "
                  + file
                  + " --spark "
                  + spark
                  + "\n(the launcher adds spark/target/blocksmith-spark.jar and Spark's jars when they"
                  + " exist; or use spark-submit with blocksmith-spark.jar).");
      return 2;
    }
    return runner
        .get()
        .run(
            new ClusterRunner.Request(
                g,
                file,
                base,
                spark,
                new RunOptions(Set.of(), device, seed, reproducible, blockTimeout),
                root,
                List.copyOf(sets),
                json),
            env.registry(),
            env.out(),
            env.err());
  }

  /** Adds the --set arguments to the run's run.json; returns its energy record (or null). */
  private JsonNode recordOverrides(RunResult r) {
    if (r.runDir() == null) {
      return null;
    }
    Path f = r.runDir().resolve("run.json");
    try {
      ObjectNode root = (ObjectNode) GraphJson.mapper().readTree(f.toFile());
      root.set("overrides", GraphJson.mapper().valueToTree(sets));
      root.put("pipelineFile", file.toAbsolutePath().toString());
      java.nio.file.Files.writeString(f, root.toPrettyString());
      return root.get("energy");
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** Prints JVM start → first trained batch, and its absolute time for outside timers. */
  private void printTimings() {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long first = TrainingLoop.firstBatchMillis();
    if (first == 0) {
      env.err().println("timings: no training step ran");
    } else {
      env.err()
          .println(
              "timings: first trained batch "
                  + (first - jvmStart)
                  + " ms after JVM start (at "
                  + first
                  + " ms since the epoch)");
    }
  }

  private boolean hasHeavy(Graph g) {
    return g.nodes().stream()
        .anyMatch(n -> env.registry().find(n.type()).map(t -> t.spec().heavy()).orElse(false));
  }

  private void printProblems(List<Problem> problems) {
    if (json) {
      ObjectNode root = GraphJson.mapper().createObjectNode();
      root.put("success", false);
      root.set("problems", ValidateCommand.toJson(problems));
      env.out().println(root.toPrettyString());
      return;
    }
    env.err().println(file.getFileName() + " cannot run; fix these problems first:");
    problems.forEach(p -> env.err().println((p.isWarning() ? "warning " : "") + p.describe()));
  }

  private void printResult(Graph g, RunResult r) {
    var out = env.out();
    out.println();
    out.println(r.success() ? "Finished in " + r.millis() + " ms." : "The run did not finish.");
    for (Node n : g.nodes()) {
      NodeStatus s = r.statuses().get(n.id());
      if (s == null) {
        continue;
      }
      Map<String, Object> outs = r.outputs().getOrDefault(n.id(), Map.of());
      String head =
          String.join(
              "; ",
              outs.values().stream()
                  .map(v -> v instanceof Value val ? val.headline() : String.valueOf(v))
                  .toList());
      String msg = r.messages().get(n.id());
      out.println(
          "  "
              + n.id()
              + "  "
              + ConsoleProgress.word(s)
              + (head.isEmpty() ? "" : "  " + head)
              + (msg == null ? "" : "  " + msg));
    }
    if (r.messages().containsKey("run")) {
      out.println("  " + r.messages().get("run"));
    }
    for (Node n : g.nodes()) {
      for (Object v : r.outputs().getOrDefault(n.id(), Map.of()).values()) {
        if (v instanceof Report rep) {
          out.println();
          out.println("== " + n.id() + " ==");
          out.print(ReportText.render(rep, fix -> Fixes.cliLine(g, env.registry(), n.id(), fix)));
        }
      }
    }
    for (String id : show) {
      out.println();
      out.println("== Output of " + id + " ==");
      Map<String, Object> outs = r.outputs().get(id);
      if (outs == null) {
        out.println(
            "(no output: the block ended "
                + ConsoleProgress.word(r.statuses().getOrDefault(id, NodeStatus.SKIPPED))
                + ")");
        continue;
      }
      outs.forEach(
          (port, v) -> {
            out.println("-- " + port + " --");
            out.print(TableText.preview(v));
          });
    }
    if (r.runDir() != null) {
      out.println();
      out.println("Run folder: " + r.runDir());
    }
  }

  private ObjectNode summary(Graph g, RunResult r) {
    ObjectNode root = GraphJson.mapper().createObjectNode();
    root.put("success", r.success());
    root.put("runId", r.runId());
    root.put("device", r.device());
    root.put("runDir", r.runDir() == null ? null : r.runDir().toString());
    root.put("millis", r.millis());
    ObjectNode nodes = root.putObject("nodes");
    ObjectNode metrics = root.putObject("metrics");
    for (Node n : g.nodes()) {
      NodeStatus s = r.statuses().get(n.id());
      if (s == null) {
        continue;
      }
      ObjectNode o = nodes.putObject(n.id());
      o.put("status", s.name());
      ObjectNode heads = o.putObject("headlines");
      r.outputs()
          .getOrDefault(n.id(), Map.of())
          .forEach(
              (port, v) -> {
                heads.put(port, v instanceof Value val ? val.headline() : String.valueOf(v));
                if (v instanceof Report rep && !rep.metrics().isEmpty()) {
                  ObjectNode m =
                      metrics.has(n.id())
                          ? (ObjectNode) metrics.get(n.id())
                          : metrics.putObject(n.id());
                  rep.metrics().forEach(m::put);
                }
              });
      if (r.messages().containsKey(n.id())) {
        o.put("message", r.messages().get(n.id()));
      }
    }
    return root;
  }
}
