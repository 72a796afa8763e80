package dev.blocksmith.spark;

import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point for {@code spark-submit blocksmith-spark.jar run GRAPH [--set …]}: the same
 * command line as {@code blocksmith run}, on the master spark-submit chose.
 */
public final class SparkMain {
  private SparkMain() {}

  /** Runs the command line; adds {@code --spark submit} to a run that names no master. */
  public static void main(String[] args) {
    List<String> a = new ArrayList<>(List.of(args));
    if (a.isEmpty() || !a.get(0).equals("run")) {
      a.add(0, "run");
    }
    if (!a.contains("--spark")) {
      a.add("--spark");
      a.add("submit");
    }
    System.exit(
        Cli.execute(
            NodeRegistry.loadInstalled(), System.out, System.err, a.toArray(String[]::new)));
  }
}
