package dev.blocksmith.editor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.editor.canvas.CardState;
import dev.blocksmith.editor.canvas.GraphEdits;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.swing.JComponent;

/**
 * Starts and cancels runs, and shows what they report: card states, progress, the log, problems,
 * previews and live metrics. Backend events arrive through one {@link EdtEvents} adapter.
 */
public final class RunController {
  private final CanvasView canvas;
  private final GraphEdits doc;
  private final Consumer<String> device;
  private final Consumer<String> status;
  private final RunPanel panel;
  private final Map<String, Map<String, JsonNode>> previews = new HashMap<>();
  private final List<Runnable> changed = new ArrayList<>();
  private final Map<String, Map<String, List<double[]>>> metrics = new HashMap<>();
  private final RunBackend backend;
  private NodeRegistry registry;
  private PathConsent.Asker consent = PathConsent.DIALOG;
  private String runId;
  private int counter;
  private String selected;

  /**
   * Creates the controller.
   *
   * @param backend where runs go (the worker JVM in the app, a fake in tests); injected, never
   *     created here
   * @param device receives the device text for the status bar
   * @param status receives status-bar texts
   */
  public RunController(
      RunBackend backend,
      CanvasView canvas,
      GraphEdits doc,
      Consumer<String> device,
      Consumer<String> status) {
    this.backend = backend;
    this.canvas = canvas;
    this.doc = doc;
    this.device = device;
    this.status = status;
    this.panel = new RunPanel(canvas::select, id -> canvas.cardText(id).split(" \\| ")[0]);
  }

  /** Returns the bottom panel (results, problems, log). */
  public JComponent panel() {
    return panel;
  }

  /** Returns the results view (what the selected block produced). */
  public dev.blocksmith.editor.view.ResultsView resultsView() {
    return panel.results();
  }

  /** Returns the run log's text. */
  public String logText() {
    return panel.logText();
  }

  /** Returns the backend. */
  public RunBackend backend() {
    return backend;
  }

  /** Sets the installed blocks. */
  public void setRegistry(NodeRegistry r) {
    registry = r;
    panel.setRegistry(r);
  }

  /** Replaces how the user is asked about paths outside the pipeline's folder (tests). */
  public void setPathConsent(PathConsent.Asker asker) {
    consent = asker;
  }

  /** Starts the engine in the background. */
  public void warmUp() {
    backend.warmUp(new EdtEvents(this));
  }

  /**
   * Tells the backend which pipeline was opened (from {@code file}, or null when unsaved), so that
   * it reads its cached results while the user looks at it.
   */
  public void prefetch(Path file) {
    if (!doc.graph().nodes().isEmpty()) {
      Path base = file != null ? file.toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
      backend.prefetch(doc.graph(), base, RunSettings.of(doc.graph(), Set.of()));
    }
  }

  /** Returns whether a run is in progress. */
  public boolean isRunning() {
    return runId != null;
  }

  /**
   * Runs the pipeline (or only up to {@code targets}); {@code file} is the file it was opened from
   * (the picture, for a pipeline from someone's picture), or null for the user's own new work.
   */
  public void run(Path file, Set<String> targets) {
    if (runId != null) {
      status.accept("A run is already in progress; cancel it first (Ctrl+.).");
      return;
    }
    if (doc.graph().nodes().isEmpty()) {
      status.accept("Add some blocks first: drag them from the palette on the left.");
      return;
    }
    Path base = file != null ? file.toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
    var graph = doc.graph();
    if (registry == null) {
      begin(graph, base, targets, List.of());
      return;
    }
    // The path check validates the graph (blocks may read files): off the EDT, then ask on it.
    runId = "checking";
    status.accept("Checking the files the pipeline uses…");
    NodeRegistry blocks = registry;
    new javax.swing.SwingWorker<PathConsent.Findings, Void>() {
      @Override
      protected PathConsent.Findings doInBackground() {
        return PathConsent.find(blocks, graph, base);
      }

      @Override
      protected void done() {
        runId = null;
        Optional<List<Path>> answer;
        try {
          PathConsent.Findings found = get();
          // A pipeline that was never opened from a file is the user's own work in this window:
          // the files it reads are ones they chose, so only replacing a file is asked about.
          List<Path> own =
              file == null
                  ? found.outside().stream()
                      .map(dev.blocksmith.engine.validate.PathUse::real)
                      .toList()
                  : List.of();
          if (file == null) {
            found = new PathConsent.Findings(found.baseDir(), List.of(), found.replaced());
          }
          answer =
              PathConsent.ask(found, canvas.component(), consent)
                  .map(
                      agreed -> {
                        List<Path> all = new java.util.ArrayList<>(own);
                        all.addAll(agreed);
                        return all;
                      });
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
          status.accept("Not run: the files could not be checked (" + e.getMessage() + ").");
          return;
        }
        if (answer.isEmpty()) {
          status.accept("Not run: the pipeline would use files you did not allow.");
          return;
        }
        begin(graph, base, targets, answer.get());
      }
    }.execute();
  }

  private void begin(
      dev.blocksmith.engine.graph.Graph graph, Path base, Set<String> targets, List<Path> agreed) {
    runId = "run-" + (++counter);
    for (var n : doc.graph().nodes()) {
      CardState s = canvas.cardState(n.id());
      canvas.setCardState(n.id(), s.withProblem(null));
    }
    panel.clearProblems();
    panel.log(
        "— " + (targets.isEmpty() ? "Run all" : "Run to " + String.join(", ", targets)) + " —");
    status.accept("Starting…");
    backend.start(runId, graph, base, RunSettings.of(graph, targets), new EdtEvents(this), agreed);
  }

  /** Cancels the run in progress. */
  public void cancel() {
    if (runId != null) {
      backend.cancel(runId);
      status.accept("Cancelling…");
    }
  }

  /** Makes the next run load the installed blocks afresh (after a plugin was trusted). */
  public void reloadBlocks() {
    backend.reload();
  }

  /** Forgets every cached output, in memory and on disk; says how much was freed. */
  public void clearCache() {
    status.accept("Clearing the cache…");
    backend.clearCache(msg -> javax.swing.SwingUtilities.invokeLater(() -> status.accept(msg)));
  }

  /** Stops the worker (on exit). */
  public void shutdown() {
    backend.shutdown();
  }

  /** Forgets results and card states (a new file was opened). */
  public void forgetResults() {
    previews.clear();
    metrics.clear();
    canvas.resetCardStates(false);
    panel.clearProblems();
    showResults(null);
  }

  /** Called after every edit. */
  public void graphChanged() {
    previews.keySet().removeIf(id -> doc.graph().node(id).isEmpty());
  }

  /** Shows the results of a node in the results tab (null clears). */
  public void showResults(String nodeId) {
    selected = nodeId;
    panel
        .results()
        .show(
            nodeId,
            nodeId == null ? Map.of() : previews.getOrDefault(nodeId, Map.of()),
            nodeId == null ? Map.of() : metrics.getOrDefault(nodeId, Map.of()));
  }

  /** Returns the column names of the table flowing into {@code nodeId}, when a run showed them. */
  public List<String> upstreamColumns(String nodeId) {
    List<String> out = new ArrayList<>();
    for (Edge e : doc.graph().edgesInto(nodeId)) {
      JsonNode p = previews.getOrDefault(e.from().node(), Map.of()).get(e.from().port());
      if (p != null && p.has("columns")) {
        p.get("columns").forEach(c -> out.add(c.get("name").asText()));
      }
    }
    return out;
  }

  // ---- events, on the EDT ----

  void ready(String dev) {
    device.accept("Training on " + dev);
  }

  void problems(String id, List<Problem> problems) {
    for (Problem p : problems) {
      if (p.nodeId() != null) {
        canvas.setCardState(p.nodeId(), canvas.cardState(p.nodeId()).withProblem(p.message()));
      }
    }
    panel.showProblems(problems);
    status.accept(problems.size() + " problem(s) to fix before running: see Problems.");
    if (id.equals(runId)) {
      runId = null;
    }
  }

  void preview(String id, String nodeId, String port, JsonNode preview) {
    previews.computeIfAbsent(nodeId, k -> new LinkedHashMap<>()).put(port, preview);
    if (nodeId.equals(selected)) {
      showResults(nodeId);
    }
    changed.forEach(Runnable::run);
  }

  /** Calls {@code r} on the EDT whenever a block's results arrive. */
  public void onResults(Runnable r) {
    changed.add(r);
  }

  /** Returns what a lesson sees: the pipeline, which blocks produced results, their metrics. */
  public dev.blocksmith.editor.lesson.LessonState lessonState() {
    return new dev.blocksmith.editor.lesson.LessonState() {
      @Override
      public dev.blocksmith.engine.graph.Graph graph() {
        return doc.graph();
      }

      @Override
      public boolean ran(String nodeId) {
        return previews.containsKey(nodeId);
      }

      @Override
      public java.util.OptionalDouble metric(String nodeId, String metric) {
        for (JsonNode p : previews.getOrDefault(nodeId, Map.of()).values()) {
          JsonNode v = p.path("report").path("metrics").path(metric);
          if (v.isNumber()) {
            return java.util.OptionalDouble.of(v.asDouble());
          }
        }
        return java.util.OptionalDouble.empty();
      }
    };
  }

  void lost(String id, String message) {
    for (var n : doc.graph().nodes()) {
      CardState s = canvas.cardState(n.id());
      if (s.status() == NodeStatus.RUNNING || s.status() == NodeStatus.QUEUED) {
        canvas.setCardState(n.id(), s.withStatus(NodeStatus.FAILED, -1).withProblem(message));
      }
    }
    panel.log("The run stopped: " + message);
    status.accept(message);
    if (id == null || id.equals(runId)) {
      runId = null;
    }
  }

  void event(RunEvent e) {
    if (e instanceof RunEvent.RunStarted s) {
      device.accept("Training on " + s.device());
      panel.log("Run started on " + s.device() + " (" + s.nodeCount() + " blocks)");
      metrics.clear();
      showResults(selected); // drop the previous run's curves from the view too
    } else if (e instanceof RunEvent.NodeQueued q) {
      card(q.nodeId(), NodeStatus.QUEUED, -1);
    } else if (e instanceof RunEvent.NodeStarted s) {
      card(s.nodeId(), NodeStatus.RUNNING, 0);
      status.accept("Running " + canvas.cardText(s.nodeId()).split(" \\| ")[0] + "…");
    } else if (e instanceof RunEvent.NodeProgress p) {
      card(p.nodeId(), NodeStatus.RUNNING, p.fraction());
      if (p.message() != null && !p.message().isBlank()) {
        status.accept(
            canvas.cardText(p.nodeId()).split(" \\| ")[0]
                + ": "
                + p.message()
                + " ("
                + Math.round(p.fraction() * 100)
                + " %)");
      }
    } else if (e instanceof RunEvent.NodeMetric m) {
      metrics
          .computeIfAbsent(m.nodeId(), k -> new LinkedHashMap<>())
          .computeIfAbsent(m.name(), k -> new ArrayList<>())
          .add(new double[] {m.step(), m.value()});
      if (m.nodeId().equals(selected)) {
        panel.results().metric(m.name(), m.step(), m.value());
      }
    } else if (e instanceof RunEvent.NodeLog l) {
      panel.log("[" + l.nodeId() + "] " + l.message());
    } else if (e instanceof RunEvent.NodeFinished f) {
      finished(f.nodeId(), NodeStatus.DONE, f.headlines());
    } else if (e instanceof RunEvent.NodeCached c) {
      finished(c.nodeId(), NodeStatus.CACHED, c.headlines());
    } else if (e instanceof RunEvent.NodeFailed f) {
      String msg = f.message() + (f.fix() == null || f.fix().isBlank() ? "" : " " + f.fix());
      CardState s = canvas.cardState(f.nodeId()).withStatus(f.status(), -1);
      canvas.setCardState(
          f.nodeId(),
          f.status() == NodeStatus.SKIPPED || f.status() == NodeStatus.CANCELLED
              ? s
              : s.withProblem(msg));
      panel.log("[" + f.nodeId() + "] " + f.status().name().toLowerCase() + ": " + msg);
      if (f.status() == NodeStatus.FAILED || f.status() == NodeStatus.DIVERGED) {
        panel.addProblem(
            new Problem(
                f.status() == NodeStatus.DIVERGED ? "run-diverged" : "run-failed",
                f.nodeId(),
                null,
                null,
                f.message(),
                f.fix()));
        status.accept(
            canvas.cardText(f.nodeId()).split(" \\| ")[0]
                + (f.status() == NodeStatus.DIVERGED ? " diverged" : " failed")
                + ": see its card and the Problems tab.");
      }
    } else if (e instanceof RunEvent.RunFinished f) {
      status.accept(
          (f.success() ? "Run finished" : "Run ended with problems")
              + " in "
              + String.format("%.1f s", f.millis() / 1000.0)
              + (!f.success() && panel.problemCount() > 0 ? ": see the Problems tab." : ""));
      panel.log("Run " + (f.success() ? "finished" : "ended with problems") + ".");
      runId = null; // one run at a time; the engine names runs its own way
    }
  }

  private void card(String nodeId, NodeStatus s, double progress) {
    canvas.setCardState(nodeId, canvas.cardState(nodeId).withStatus(s, progress));
  }

  private void finished(String nodeId, NodeStatus s, Map<String, String> headlines) {
    // The first declared output with a headline speaks for the block (Evaluate: its report,
    // not its mistakes table); the map itself has no order.
    List<String> order =
        doc.graph()
            .node(nodeId)
            .flatMap(n -> canvas.registry().find(n.type()))
            .map(t -> t.spec().outputs().stream().map(p -> p.name()).toList())
            .orElse(List.of());
    String headline =
        order.stream()
            .map(headlines::get)
            .filter(h -> h != null && !h.isBlank())
            .findFirst()
            .orElseGet(
                () ->
                    headlines.values().stream()
                        .filter(h -> h != null && !h.isBlank())
                        .reduce((a, b) -> b)
                        .orElse(""));
    canvas.setCardState(
        nodeId,
        canvas.cardState(nodeId).withStatus(s, -1).withHeadline(headline).withProblem(null));
  }
}
