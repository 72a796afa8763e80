package dev.blocksmith.editor.daemon;

import dev.blocksmith.editor.worker.WarmUp;
import dev.blocksmith.engine.exec.OutputCache;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The background process's entry point ({@code DaemonMain HASH [GRAPH]}), started by {@link
 * DaemonClient} after a run it made in-process: binds this key's socket (or exits when another
 * process holds it), warms up (blocks, PyTorch, a tiny throwaway pipeline, then the cached results
 * of {@code GRAPH}, the pipeline the run that started it ran, read into memory) while already
 * accepting clients (who wait for the warm-up), and exits after {@link #idle()} without a request.
 */
public final class DaemonMain {
  /** The default time without a request before the process ends. */
  static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);

  private DaemonMain() {}

  /** Runs the background process; {@code args[0]} is the key's hash the starter expects. */
  public static void main(String[] args) throws Exception {
    DaemonPlace place = DaemonPlace.current(); // before anything sets properties
    if (args.length < 1 || !args[0].equals(place.hash())) {
      System.err.println(
          "Not started: this process's key "
              + place.hash()
              + " is not the one asked for ("
              + (args.length > 0 ? args[0] : "none")
              + ").");
      System.exit(2);
    }
    CompletableFuture<NodeRegistry> blocks = new CompletableFuture<>();
    OutputCache cache = EngineSession.defaultCache(true);
    DaemonServer server = new DaemonServer(place, blocks, cache, idle());
    if (!server.bind()) {
      System.err.println("Another background process of this build is running; not started.");
      System.exit(0);
    }
    Thread warm =
        new Thread(
            () -> {
              long t0 = System.nanoTime();
              try {
                dev.blocksmith.engine.djl.Devices.applyThreadDefaults();
                NodeRegistry registry = NodeRegistry.loadInstalled();
                long w = WarmUp.runCommandLine(registry);
                int loaded = 0;
                if (args.length > 1 && args[1].endsWith(".json")) {
                  Path graph = Path.of(args[1]);
                  try (EngineSession s =
                      new EngineSession(registry, EngineSession.defaultRunsRoot(), cache)) {
                    loaded =
                        s.prefetch(GraphJson.read(graph), graph.getParent(), RunOptions.DEFAULTS);
                  } catch (java.io.IOException | RuntimeException e) {
                    // only an optimisation
                  }
                }
                System.err.printf(
                    "warm in %d ms (warm-up run %d ms, %d cached blocks read)%n",
                    (System.nanoTime() - t0) / 1_000_000, w, loaded);
                blocks.complete(registry);
              } catch (Throwable t) {
                System.err.println("The blocks could not be loaded: " + t);
                blocks.completeExceptionally(t);
                server.close();
              }
            },
            "daemon-warm-up");
    warm.setDaemon(true);
    warm.start();
    System.err.println(
        "Blocksmith background process "
            + ProcessHandle.current().pid()
            + " on "
            + place.socket()
            + ", stops after "
            + idle().toMinutes()
            + " idle minutes");
    server.serve();
    System.err.println("Stopped.");
    System.exit(0);
  }

  /**
   * Returns how long the process waits for a request before it ends: {@code
   * -Dblocksmith.daemonIdleMinutes} or {@code BLOCKSMITH_DAEMON_IDLE_MINUTES}, default 10.
   */
  static Duration idle() {
    String v =
        System.getProperty(
            "blocksmith.daemonIdleMinutes", System.getenv("BLOCKSMITH_DAEMON_IDLE_MINUTES"));
    try {
      double m = v == null || v.isBlank() ? DEFAULT_IDLE.toMinutes() : Double.parseDouble(v);
      return Duration.ofMillis(Math.max(1_000, (long) (m * 60_000)));
    } catch (NumberFormatException e) {
      return DEFAULT_IDLE;
    }
  }
}
