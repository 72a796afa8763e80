package dev.blocksmith.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.plan.Plan;
import dev.blocksmith.engine.plan.Planner;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.validate.ResolvedGraph;
import dev.blocksmith.engine.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Planning and validation time against graph size: for each node count N, a graph of one Load CSV
 * and N - 1 cleaning blocks, wired as a tree (each block fed by an earlier one, so both long chains
 * and wide fans occur); reads it from JSON, validates and resolves it, and plans it. Prints the
 * median of several repetitions after warm-up, per phase. Not a test; bench/run-planning runs it.
 */
public final class PlanningBench {
  private PlanningBench() {}

  /** Arguments: node counts (default 100 1000 5000). */
  public static void main(String[] args) throws Exception {
    NodeRegistry registry = NodeRegistry.loadInstalled();
    Path dir = Files.createTempDirectory("planning");
    Path csv = dir.resolve("data.csv");
    Files.writeString(csv, "a,b,label\n1,2,x\n3,4,y\n");
    int[] sizes =
        args.length == 0
            ? new int[] {100, 1000, 5000}
            : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    // Warm-up: the JIT compiles the validator and planner on a mid-sized graph first.
    for (int i = 0; i < 5; i++) {
      measure(registry, dir, json(1000, 7), 1);
    }
    System.out.println("nodes  edges  read ms  validate+resolve ms  plan ms  (median of 7)");
    for (int n : sizes) {
      String text = json(n, 11);
      double[] m = measure(registry, dir, text, 7);
      System.out.printf(
          Locale.ROOT, "PLAN %6d %6d %8.1f %20.1f %8.1f%n", n, n - 1, m[0], m[1], m[2]);
    }
  }

  private static double[] measure(NodeRegistry registry, Path dir, String text, int reps)
      throws Exception {
    double[][] t = new double[3][reps];
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      Graph g = GraphJson.read(text);
      long t1 = System.nanoTime();
      ResolvedGraph resolved = Validator.resolve(g, registry, dir);
      var blocking = resolved.problems().stream().filter(p -> !p.isWarning()).findFirst();
      if (blocking.isPresent()) {
        throw new IllegalStateException(blocking.get().toString());
      }
      long t2 = System.nanoTime();
      Plan plan = Planner.plan(resolved, Set.of(), 42L);
      long t3 = System.nanoTime();
      if (plan.steps().size() != g.nodes().size()) {
        throw new IllegalStateException("planned " + plan.steps().size());
      }
      t[0][r] = (t1 - t0) / 1e6;
      t[1][r] = (t2 - t1) / 1e6;
      t[2][r] = (t3 - t2) / 1e6;
    }
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      java.util.Arrays.sort(t[i]);
      out[i] = t[i][reps / 2];
    }
    return out;
  }

  /** A tree of N blocks: node k is fed by a pseudo-random earlier node. */
  static String json(int n, long seed) {
    var mapper = GraphJson.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("formatVersion", 2);
    root.put("name", "planning " + n);
    ArrayNode nodes = root.putArray("nodes");
    ArrayNode edges = root.putArray("edges");
    ObjectNode load = nodes.addObject();
    load.put("id", "n0");
    load.put("type", "data.load-csv");
    load.put("typeVersion", 1);
    load.putObject("params").put("file", "data.csv").put("label", "label");
    java.util.Random random = new java.util.Random(seed);
    for (int k = 1; k < n; k++) {
      ObjectNode c = nodes.addObject();
      c.put("id", "n" + k);
      c.put("type", "prepare.clean");
      c.put("typeVersion", 1);
      c.putObject("params").put("dropDuplicates", k % 2 == 0);
      // Mostly the previous block (long chains), sometimes any earlier one (fans).
      int from = random.nextInt(4) == 0 ? random.nextInt(k) : k - 1;
      ObjectNode e = edges.addObject();
      e.put("from", "n" + from + ".table");
      e.put("to", "n" + k + ".table");
    }
    return root.toString();
  }
}
