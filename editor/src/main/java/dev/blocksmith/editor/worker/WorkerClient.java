package dev.blocksmith.editor.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.editor.run.RunBackend;
import dev.blocksmith.editor.run.RunEvents;
import dev.blocksmith.engine.djl.MklCpuCheck;
import dev.blocksmith.engine.djl.NativeAllocator;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.home.AppDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs graphs in a long-lived child JVM ({@link WorkerMain}) with the same class path. If the child
 * dies (native crash, out of memory, killed), the run in progress is reported lost with a clear
 * message and the next run starts a fresh child. All process I/O happens off the EDT.
 */
public final class WorkerClient implements RunBackend {
  private final ExecutorService io =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "worker-io");
            t.setDaemon(true);
            return t;
          });
  private final StringBuilder stderrTail = new StringBuilder();
  private volatile Process process;
  private volatile RunEvents events;
  private volatile String runId;
  private volatile boolean shuttingDown;

  @Override
  public void warmUp(RunEvents ev) {
    events = ev;
    io.submit(
        () -> {
          try {
            ensureStarted();
          } catch (IOException e) {
            ev.lost(null, "The training process could not be started: " + e.getMessage());
          }
        });
  }

  private volatile Path report;

  @Override
  public void reportNextRun(Path file) {
    report = file;
  }

  @Override
  public void start(String id, Graph graph, Path baseDir, RunOptions options, RunEvents ev) {
    start(id, graph, baseDir, options, ev, java.util.List.of());
  }

  @Override
  public void start(
      String id,
      Graph graph,
      Path baseDir,
      RunOptions options,
      RunEvents ev,
      java.util.List<Path> agreed) {
    events = ev;
    runId = id;
    Path reportFile = report;
    report = null;
    String graphJson = GraphJson.write(graph);
    io.submit(
        () -> {
          try {
            ensureStarted();
            ObjectNode req = Protocol.JSON.createObjectNode();
            req.put("op", "run");
            req.put("run", id);
            req.set("graph", Protocol.JSON.readTree(graphJson));
            req.put("baseDir", baseDir.toString());
            var agree = req.putArray("agree");
            agreed.forEach(p -> agree.add(p.toString()));
            var targets = req.putArray("targets");
            options.targets().forEach(targets::add);
            req.put("device", options.device() == null ? "auto" : options.device());
            if (options.seed() != null) {
              req.put("seed", options.seed());
            }
            req.put("reproducible", options.reproducible());
            if (options.blockTimeout() != null) {
              req.put("blockTimeoutMs", options.blockTimeout().toMillis());
            }
            if (reportFile != null) {
              req.put("report", reportFile.toString());
            }
            send(req);
          } catch (IOException e) {
            ev.lost(id, "The training process could not be started: " + e.getMessage());
          }
        });
  }

  @Override
  public void prefetch(Graph graph, Path baseDir, RunOptions options) {
    String graphJson = GraphJson.write(graph);
    io.submit(
        () -> {
          // Only to a worker already started (the editor starts it when the window opens; the
          // tasks run in order on this thread): reading ahead never starts a process by itself.
          try {
            ObjectNode req = Protocol.JSON.createObjectNode();
            req.put("op", "prefetch");
            req.set("graph", Protocol.JSON.readTree(graphJson));
            req.put("baseDir", baseDir.toString());
            if (options.seed() != null) {
              req.put("seed", options.seed());
            }
            send(req);
          } catch (IOException e) {
            // Only an optimisation.
          }
        });
  }

  private final java.util.Map<String, java.util.function.Consumer<JsonNode>> estimates =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void estimate(
      String id,
      Graph graph,
      Path baseDir,
      RunOptions options,
      java.util.function.Consumer<JsonNode> done) {
    String graphJson = GraphJson.write(graph);
    io.submit(
        () -> {
          try {
            ensureStarted();
            estimates.put(id, done);
            ObjectNode req = Protocol.JSON.createObjectNode();
            req.put("op", "estimate");
            req.put("run", id);
            req.set("graph", Protocol.JSON.readTree(graphJson));
            req.put("baseDir", baseDir.toString());
            req.put("device", options.device() == null ? "auto" : options.device());
            if (options.seed() != null) {
              req.put("seed", options.seed());
            }
            send(req);
          } catch (IOException e) {
            estimates.remove(id);
            done.accept(
                Protocol.JSON
                    .createObjectNode()
                    .put(
                        "message", "The training process could not be started: " + e.getMessage()));
          }
        });
  }

  @Override
  public void cancel(String id) {
    io.submit(
        () -> {
          ObjectNode req = Protocol.JSON.createObjectNode();
          req.put("op", "cancel");
          req.put("run", id);
          send(req);
        });
  }

  @Override
  public void clearCache(java.util.function.Consumer<String> done) {
    io.submit(
        () -> {
          ObjectNode req = Protocol.JSON.createObjectNode();
          req.put("op", "clearCache");
          send(req); // a running worker forgets what it holds in memory
          try {
            long freed = 0;
            var disk = dev.blocksmith.engine.session.EngineSession.diskCache();
            if (disk.isPresent()) {
              freed = disk.get().clear();
            }
            done.accept(String.format("Cache cleared (%,.1f MB freed).", freed / 1e6));
          } catch (IOException | RuntimeException e) {
            done.accept("The cache could not be cleared: " + e.getMessage());
          }
        });
  }

  @Override
  public void shutdown() {
    shuttingDown = true;
    Process p = process;
    if (p != null) {
      io.submit(
          () -> {
            ObjectNode req = Protocol.JSON.createObjectNode();
            req.put("op", "shutdown");
            send(req);
          });
      p.onExit()
          .orTimeout(3, java.util.concurrent.TimeUnit.SECONDS)
          .whenComplete((x, err) -> p.destroyForcibly());
    }
    io.shutdown();
  }

  @Override
  public void reload() {
    io.submit(
        () -> {
          if (runId == null) {
            // The idle worker exits; the next run starts a new one that loads the blocks afresh.
            ObjectNode req = Protocol.JSON.createObjectNode();
            req.put("op", "shutdown");
            send(req);
          }
        });
  }

  /** Returns the worker's process id, or -1 when none runs (tests kill it to prove isolation). */
  public long pid() {
    Process p = process;
    return p != null && p.isAlive() ? p.pid() : -1;
  }

  private synchronized void ensureStarted() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add("-XX:+UseSerialGC");
    // Compile methods after 4x the JVM's usual call counts: a run's Java work around libtorch is
    // thin, and the JIT compiling warm-but-not-hot code cost 0.15-0.45 s of a 0.5-1 s training
    // run's CPU; with this, 0.03-0.08 s, the training thread no slower (BENCHMARKS.md, issue 15).
    cmd.add("-XX:CompileThresholdScaling=4");
    // The worker answers in JSON lines on stdout: any message of the JVM's own goes to stderr.
    cmd.add("-XX:+DisplayVMOutputToStderr");
    if (hugePages(Path.of(TRANSPARENT_HUGE_PAGES))) {
      cmd.add("-XX:+UseTransparentHugePages");
    }
    String xmx = System.getProperty("blocksmith.workerXmx");
    if (xmx != null) {
      cmd.add("-Xmx" + xmx);
    }
    String extra = System.getProperty("blocksmith.workerJavaOptions", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.add("-Duser.home=" + System.getProperty("user.home"));
    cmd.addAll(AppDirs.current().jvmOptions());
    for (String prop :
        new String[] {"blocksmith.home", "blocksmith.cacheBytes", "blocksmith.memoryCacheBytes"}) {
      if (System.getProperty(prop) != null) {
        cmd.add("-D" + prop + "=" + System.getProperty(prop));
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WorkerMain.class.getName());
    ProcessBuilder builder = new ProcessBuilder(cmd);
    NativeAllocator.apply(builder.environment());
    // MKL's fast kernels on AMD processors too (MklCpuCheck: dense layers twice as fast here).
    MklCpuCheck.apply(builder.environment(), AppDirs.current().data().resolve("native"));
    Process p = builder.start();
    process = p;
    synchronized (stderrTail) {
      stderrTail.setLength(0);
    }
    daemon("worker-out", () -> readReplies(p));
    daemon("worker-err", () -> readErrors(p));
  }

  /** Where Linux says whether a process may ask for transparent huge pages. */
  static final String TRANSPARENT_HUGE_PAGES = "/sys/kernel/mm/transparent_hugepage/enabled";

  /**
   * Returns whether the Java heap can be backed by transparent huge pages: the kernel's setting
   * ({@code always [madvise] never}, the chosen one in brackets) is "always" or "madvise". A heap
   * on huge pages takes one page fault per 2 MB instead of per 4 KB when its memory is first
   * touched, which on a virtual machine made the worker's first collection after a few runs (the
   * encoded pictures moved to the old generation) 30 % cheaper and a CNN's run 8 % cheaper
   * (BENCHMARKS.md, issue 15). Elsewhere the JVM would only print a warning, so it is not asked.
   */
  static boolean hugePages(Path setting) {
    try {
      String s = Files.readString(setting);
      return s.contains("[always]") || s.contains("[madvise]");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void send(JsonNode req) {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    try {
      OutputStream os = p.getOutputStream();
      os.write((Protocol.line(req) + "\n").getBytes(StandardCharsets.UTF_8));
      os.flush();
    } catch (IOException e) {
      // the reader notices the exit and reports it
    }
  }

  private void readReplies(Process p) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        handle(Protocol.JSON.readTree(line));
      }
    } catch (IOException | RuntimeException e) {
      // fall through: treat as a lost worker
    }
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    String id = runId;
    runId = null;
    for (String pending : List.copyOf(estimates.keySet())) {
      var done = estimates.remove(pending);
      if (done != null) {
        done.accept(
            Protocol.JSON
                .createObjectNode()
                .put(
                    "message",
                    "The training process stopped unexpectedly (exit code " + code + ")"));
      }
    }
    if (!shuttingDown && events != null && id != null) {
      events.lost(
          id,
          "The training process stopped unexpectedly (exit code "
              + code
              + ")"
              + hint(code)
              + ". The editor is fine: press Run to try again.");
    }
  }

  private void handle(JsonNode o) throws IOException {
    String replyTo = o.path("run").asText("");
    if (estimates.containsKey(replyTo)
        && (o.path("type").asText().equals("estimates")
            || o.path("type").asText().equals("error"))) {
      estimates.remove(replyTo).accept(o);
      return;
    }
    RunEvents ev = events;
    if (ev == null) {
      return;
    }
    switch (o.path("type").asText()) {
      case "ready" -> ev.ready(o.path("device").asText());
      case "event" -> {
        RunEvent e = Protocol.decodeEvent(o);
        if (e instanceof RunEvent.RunFinished) {
          runId = null;
        }
        ev.event(e);
      }
      case "problems" -> {
        runId = null;
        ev.problems(o.path("run").asText(), Protocol.decodeProblems(o));
      }
      case "preview" ->
          ev.preview(
              o.path("run").asText(),
              o.path("node").asText(),
              o.path("port").asText(),
              o.get("preview"));
      case "error" -> {
        String id = o.path("run").asText(null);
        if (id != null) {
          runId = null;
        }
        ev.lost(id, o.path("message").asText());
      }
      default -> {}
    }
  }

  private void readErrors(Process p) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (stderrTail) {
          stderrTail.append(line).append('\n');
          if (stderrTail.length() > 8000) {
            stderrTail.delete(0, stderrTail.length() - 4000);
          }
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  private String hint(int code) {
    String tail;
    synchronized (stderrTail) {
      tail = stderrTail.toString();
    }
    if (tail.contains("OutOfMemoryError")) {
      return ": it ran out of memory; try a smaller batch size or fewer images";
    }
    if (code == 137 || code == 143) {
      return ": it was stopped from outside";
    }
    if (tail.contains("SIGSEGV") || code == 134) {
      return ": the native library crashed";
    }
    return "";
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }
}
