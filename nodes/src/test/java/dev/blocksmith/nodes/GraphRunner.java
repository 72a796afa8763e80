package dev.blocksmith.nodes;

import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a graph through the real engine on the CPU and returns its outputs, for tests. */
public final class GraphRunner {
  private GraphRunner() {}

  /** Returns every output of every node, keyed "node.port"; fails when a node failed. */
  public static Map<String, Object> run(Graph graph, Path baseDir) throws Exception {
    return run(graph, baseDir, dev.blocksmith.engine.validate.PathPolicy.standard());
  }

  /** Runs {@code graph} under a path policy (for example one allowing a temporary folder). */
  public static Map<String, Object> run(
      Graph graph, Path baseDir, dev.blocksmith.engine.validate.PathPolicy policy)
      throws Exception {
    Path runs = Files.createTempDirectory("blocksmith-runs");
    try (EngineSession session = new EngineSession(NodeRegistry.loadDefault(), runs)) {
      RunResult result =
          session
              .start(
                  graph,
                  baseDir.toAbsolutePath(),
                  new RunOptions(null, "cpu", null, false),
                  e -> {},
                  policy)
              .result()
              .get(10, TimeUnit.MINUTES);
      if (!result.success()) {
        throw new AssertionError(graph.name() + " failed: " + result.messages());
      }
      Map<String, Object> out = new LinkedHashMap<>();
      result
          .outputs()
          .forEach((node, ports) -> ports.forEach((port, v) -> out.put(node + "." + port, v)));
      return out;
    }
  }
}
