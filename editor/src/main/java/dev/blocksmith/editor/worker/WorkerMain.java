package dev.blocksmith.editor.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.exec.RunHandle;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
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
 * The worker JVM's entry point: runs graphs with the engine and answers in JSON lines on stdout.
 * Everything else a block prints goes to stderr, so stdout carries only the protocol.
 */
public final class WorkerMain {
  private final PrintStream out;
  private final CompletableFuture<EngineAccess> engine = new CompletableFuture<>();
  private volatile RunHandle current;
  private volatile String currentId;

  private WorkerMain(PrintStream out) {
    this.out = out;
  }

  /** Starts the worker; it ends on {@code shutdown} or when stdin closes. */
  public static void main(String[] args) throws Exception {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(System.err);
    new WorkerMain(protocol).serve();
  }

  private void serve() throws Exception {
    Thread boot = new Thread(this::boot, "engine-boot");
    boot.setDaemon(true);
    boot.start();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode req = Protocol.JSON.readTree(line);
      switch (req.path("op").asText()) {
        case "run" -> run(req);
        case "cancel" -> {
          RunHandle h = current;
          if (h != null) {
            h.cancel();
          }
        }
        case "shutdown" -> {
          System.exit(0);
        }
        default -> error(null, "unknown request " + req.path("op").asText());
      }
    }
    System.exit(0);
  }

  private void boot() {
    try {
      EngineAccess e = EngineAccess.create(Path.of(System.getProperty("blocksmith.runs",
          System.getProperty("java.io.tmpdir") + "/blocksmith-runs")));
      engine.complete(e);
      ObjectNode o = Protocol.JSON.createObjectNode();
      o.put("type", "ready");
      o.put("device", Devices.describe());
      send(o);
    } catch (Throwable t) {
      engine.completeExceptionally(t);
      error(null, "The engine could not start: " + t);
    }
  }

  private void run(JsonNode req) {
    String id = req.path("run").asText();
    Thread t = new Thread(() -> {
      try {
        EngineAccess e = engine.get();
        Graph g = GraphJson.read(Protocol.JSON.writeValueAsString(req.get("graph")));
        Path base = Path.of(req.path("baseDir").asText("."));
        List<Problem> problems = e.validate(g, base);
        if (!problems.isEmpty()) {
          send(Protocol.encodeProblems(id, problems));
          return;
        }
        Set<String> targets = new HashSet<>();
        req.path("targets").forEach(n -> targets.add(n.asText()));
        RunOptions opts = RunOptions.DEFAULTS.withTargets(targets);
        currentId = id;
        current = e.start(g, base, opts, ev -> send(Protocol.encode(ev)));
        RunResult result = current.result().get();
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
      } catch (Throwable ex) {
        Throwable c = ex.getCause() != null ? ex.getCause() : ex;
        error(id, "The run could not be carried out: " + c.getMessage());
      } finally {
        current = null;
        currentId = null;
      }
    }, "run-" + id);
    t.setDaemon(true);
    t.start();
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
