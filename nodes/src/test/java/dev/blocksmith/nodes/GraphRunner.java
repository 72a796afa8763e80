package dev.blocksmith.nodes;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a graph in the test JVM, node by node in dependency order, with the graph's folder as base
 * directory: enough to prove the example pipelines work until the engine's executor is merged.
 */
public final class GraphRunner {
  private GraphRunner() {}

  /** Returns every output of every node, keyed "node.port". */
  public static Map<String, Object> run(Graph graph, Path baseDir) throws Exception {
    NodeRegistry registry = NodeRegistry.loadDefault();
    Map<String, Object> values = new HashMap<>();
    List<Node> pending = new ArrayList<>(graph.nodes());
    while (!pending.isEmpty()) {
      Node ready = pending.stream()
          .filter(n -> graph.edgesInto(n.id()).stream()
              .allMatch(e -> values.containsKey(e.from().toString())))
          .findFirst().orElseThrow(() -> new IllegalStateException("cycle in " + graph.name()));
      pending.remove(ready);
      NodeType type = registry.find(ready.type()).orElseThrow(
          () -> new IllegalStateException("unknown block " + ready.type()));
      Map<String, Object> in = new LinkedHashMap<>();
      for (Edge e : graph.edgesInto(ready.id())) {
        in.put(e.to().port(), values.get(e.from().toString()));
      }
      Params params = Params.of(type.spec(), ready.params());
      try (TestContext ctx = new TestContext(ready.id())) {
        long start = System.nanoTime();
        Map<String, Object> out = type.execute(new Inputs(ready.id(), in), params,
            new InFolder(ctx, baseDir));
        System.out.printf("%s (%s): %.1f s%n", ready.id(), ready.type(),
            (System.nanoTime() - start) / 1e9);
        ctx.logs().forEach(l -> System.out.println("  " + l));
        out.forEach((port, v) -> values.put(ready.id() + "." + port, v));
      }
    }
    return values;
  }

  /** A test context whose base directory is the graph's folder. */
  private record InFolder(TestContext ctx, Path baseDir) implements NodeContext {
    @Override
    public String nodeId() {
      return ctx.nodeId();
    }

    @Override
    public void progress(double fraction, String message) {
      ctx.progress(fraction, message);
    }

    @Override
    public void log(String message) {
      ctx.log(message);
    }

    @Override
    public void metric(String name, int step, double value) {
      ctx.metric(name, step, value);
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public NDManager manager() {
      return ctx.manager();
    }

    @Override
    public Device device() {
      return Device.cpu();
    }

    @Override
    public long seed() {
      return ctx.seed();
    }

    @Override
    public Path workDir() {
      return baseDir;
    }
  }
}
