package dev.blocksmith.editor.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.exec.RunHandle;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.validate.PathPolicy;
import dev.blocksmith.engine.validate.Problem;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The worker JVM's entry point: runs graphs with an {@link EngineSession} and answers in JSON lines
 * on stdout. Everything else a block prints goes to stderr, so stdout carries only the protocol.
 * The session lives as long as the worker, so unchanged nodes come from its cache on the next run.
 */
public final class WorkerMain {
  /** Milliseconds between two progress events of one node sent to the editor. */
  static final long PROGRESS_MILLIS = 80;

  private final PrintStream out;
  private final CompletableFuture<EngineSession> engine = new CompletableFuture<>();
  private final ProgressThrottle throttle = new ProgressThrottle(PROGRESS_MILLIS);
  private volatile RunHandle current;

  /** The cache entries of the pipeline the editor opened, being read into memory (runs wait). */
  private volatile CompletableFuture<Void> prefetching = CompletableFuture.completedFuture(null);

  private WorkerMain(PrintStream out) {
    this.out = out;
  }

  /** Starts the worker; it ends on {@code shutdown} or when stdin closes. */
  public static void main(String[] args) throws Exception {
    PrintStream protocol =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    new WorkerMain(protocol).serve();
  }

  private void serve() throws Exception {
    Thread boot = new Thread(this::boot, "engine-boot");
    boot.setDaemon(true);
    boot.start();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode req = Protocol.JSON.readTree(line);
      switch (req.path("op").asText()) {
        case "run" -> run(req);
        case "estimate" -> estimate(req);
        case "prefetch" -> prefetch(req);
        case "cancel" -> {
          RunHandle h = current;
          if (h != null) {
            h.cancel();
          }
        }
        case "clearCache" -> {
          if (engine.isDone() && !engine.isCompletedExceptionally()) {
            engine.join().cache().clear();
          }
        }
        case "shutdown" -> System.exit(0);
        default -> error(null, "unknown request " + req.path("op").asText());
      }
    }
    System.exit(0);
  }

  /**
   * Starts the engine off the editor's critical path: the blocks, PyTorch and a tiny throwaway
   * pipeline ({@link WarmUp}), the disk cache's index. The engine future completes only after all
   * of it, so a run requested meanwhile waits for the warm-up instead of racing it for the CPU.
   */
  private void boot() {
    try {
      long t0 = System.nanoTime();
      EngineSession session = EngineSession.createDefault();
      String device = Devices.describe();
      long warm = WarmUp.run(session.registry());
      session.cache().disk().ifPresent(d -> d.stats()); // lists the folder once
      System.err.printf(
          "worker warm-up: %d ms (of which the warm-up run %d ms)%n",
          (System.nanoTime() - t0) / 1_000_000, warm);
      engine.complete(session);
      ObjectNode o = Protocol.JSON.createObjectNode();
      o.put("type", "ready");
      o.put("device", device);
      send(o);
    } catch (Throwable t) {
      engine.completeExceptionally(t);
      error(null, "The engine could not start: " + t);
    }
  }

  /**
   * Reads the disk-cached outputs of the pipeline the editor opened into memory, in the background
   * after the warm-up; a run requested meanwhile waits for it.
   */
  private void prefetch(JsonNode req) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture<Void> before = prefetching;
    prefetching = done;
    Thread t =
        new Thread(
            () -> {
              try {
                before.join();
                EngineSession session = engine.get();
                Graph g = GraphJson.read(Protocol.JSON.writeValueAsString(req.get("graph")));
                long t0 = System.nanoTime();
                int n = session.prefetch(g, Path.of(req.path("baseDir").asText(".")), options(req));
                System.err.printf(
                    "worker prefetch: %d cached blocks in %d ms%n",
                    n, (System.nanoTime() - t0) / 1_000_000);
              } catch (Throwable ex) {
                // Only an optimisation: the run reads what it needs itself.
              } finally {
                done.complete(null);
              }
            },
            "prefetch");
    t.setDaemon(true);
    t.start();
  }

  private void run(JsonNode req) {
    String id = req.path("run").asText();
    CompletableFuture<Void> warm = prefetching;
    Thread t =
        new Thread(
            () -> {
              try {
                EngineSession session = engine.get();
                warm.join();
                Graph g = GraphJson.read(Protocol.JSON.writeValueAsString(req.get("graph")));
                Path base = Path.of(req.path("baseDir").asText("."));
                List<Path> agreed = new java.util.ArrayList<>();
                req.path("agree").forEach(a -> agreed.add(Path.of(a.asText())));
                RunHandle h =
                    session.start(
                        g,
                        base,
                        options(req),
                        ev -> {
                          // A run refused by validation reports its problems below, not as a
                          // finished run.
                          if (!session.wasRejected(ev.runId())
                              && throttle.pass(ev, System.nanoTime())) {
                            send(Protocol.encode(ev));
                          }
                        },
                        PathPolicy.standard().agreeTo(agreed));
                current = h;
                List<Problem> problems = session.problems(h.runId());
                if (!problems.isEmpty()) {
                  send(Protocol.encodeProblems(id, problems));
                  return;
                }
                RunResult result = h.result().get();
                sendPreviews(id, result);
                if (req.hasNonNull("report")) {
                  writeReport(g, result, session, base, Path.of(req.get("report").asText()));
                }
              } catch (Throwable ex) {
                Throwable c = ex.getCause() != null ? ex.getCause() : ex;
                error(id, "The run could not be carried out: " + c.getMessage());
              } finally {
                current = null;
                endIfBlocksWereAbandoned();
              }
            },
            "run-" + id);
    t.setDaemon(true);
    t.start();
  }

  /**
   * Ends this worker after a run that abandoned a block thread (a plugin block that ignored cancel
   * or its time limit): Java cannot stop such a thread, but ending the process does, and the editor
   * starts a fresh worker for the next run.
   */
  private static void endIfBlocksWereAbandoned() {
    if (dev.blocksmith.engine.exec.Executor.abandonedBlocks() > 0) {
      System.err.println(
          "A block did not stop when asked; ending this training process to stop it.");
      System.exit(0);
    }
  }

  /**
   * Answers an {@code estimate} request with one {@code estimates} reply: per training block its
   * card line, its lines in words and whether it warns; the blocks that could not be estimated and
   * why.
   */
  private void estimate(JsonNode req) {
    String id = req.path("run").asText();
    Thread t =
        new Thread(
            () -> {
              try {
                EngineSession session = engine.get();
                Graph g = GraphJson.read(Protocol.JSON.writeValueAsString(req.get("graph")));
                Path base = Path.of(req.path("baseDir").asText("."));
                var r = session.estimate(g, base, options(req), ev -> {});
                ObjectNode o = Protocol.JSON.createObjectNode();
                o.put("type", "estimates");
                o.put("run", id);
                o.put("millis", r.millis());
                var items = o.putArray("items");
                for (var e : r.estimates()) {
                  ObjectNode item = items.addObject();
                  item.put("node", e.nodeId());
                  item.put("card", dev.blocksmith.engine.text.EstimateText.card(e));
                  item.put("warns", !e.warnings().isEmpty());
                  var lines = item.putArray("lines");
                  dev.blocksmith.engine.text.EstimateText.lines(e).forEach(lines::add);
                }
                o.set("skipped", Protocol.JSON.valueToTree(r.skipped()));
                send(o);
              } catch (Throwable ex) {
                Throwable c = ex.getCause() != null ? ex.getCause() : ex;
                error(id, "Could not estimate: " + c.getMessage());
              }
            },
            "estimate-" + id);
    t.setDaemon(true);
    t.start();
  }

  private void writeReport(Graph g, RunResult result, EngineSession session, Path base, Path file) {
    String message;
    try {
      var writer = dev.blocksmith.engine.session.RunReportWriter.find();
      if (writer.isEmpty()) {
        message = "No report writer is installed, so no report was saved.";
      } else {
        writer.get().write(g, result, session.registry(), base, file);
        message = "Saved the report to " + file;
      }
    } catch (Exception e) {
      message = "Could not save the report to " + file + ": " + e.getMessage();
    }
    send(
        Protocol.encode(
            new dev.blocksmith.engine.exec.RunEvent.NodeLog(result.runId(), "report", message)));
  }

  /** Returns the run options of a request: targets ("Run to here"), device and seed. */
  static RunOptions options(JsonNode req) {
    Set<String> targets = new HashSet<>();
    req.path("targets").forEach(n -> targets.add(n.asText()));
    String device = req.path("device").asText("");
    Long seed = req.path("seed").canConvertToLong() ? req.path("seed").asLong() : null;
    long limit = req.path("blockTimeoutMs").asLong(0);
    return new RunOptions(
        targets,
        device.isBlank() || device.equals("auto") ? null : device,
        seed,
        req.path("reproducible").asBoolean(false),
        limit > 0 ? java.time.Duration.ofMillis(limit) : null);
  }

  private void sendPreviews(String id, RunResult result) {
    for (Map.Entry<String, Map<String, Object>> n : result.outputs().entrySet()) {
      for (Map.Entry<String, Object> port : n.getValue().entrySet()) {
        ObjectNode o = Protocol.JSON.createObjectNode();
        o.put("type", "preview");
        o.put("run", id);
        o.put("node", n.getKey());
        o.put("port", port.getKey());
        o.set("preview", Previews.of(port.getValue()));
        send(o);
      }
    }
  }

  private void error(String runId, String message) {
    ObjectNode o = Protocol.JSON.createObjectNode();
    o.put("type", "error");
    if (runId != null) {
      o.put("run", runId);
    }
    o.put("message", message);
    send(o);
  }

  private synchronized void send(JsonNode o) {
    out.println(Protocol.line(o));
  }
}
