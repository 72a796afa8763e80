package dev.blocksmith.engine.exec;

import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import java.nio.file.Path;

/**
 * Everything a run needs besides its plan.
 *
 * @param graphName the graph's name, for run.json
 * @param runsRoot the folder that holds run folders
 * @param baseDir the graph's folder, for relative paths (may be null)
 * @param device null for automatic choice, else "cpu", "gpu" or "gpu:N"
 * @param seed the seed for sampling and initialisation
 * @param reproducible whether to pin the engine to one thread
 * @param graphJson the graph as saved, recorded in the models it produces (may be null)
 * @param blockTimeout the longest one block may run before it is stopped; null for no limit
 */
public record RunSetup(
    String graphName,
    Path runsRoot,
    Path baseDir,
    String device,
    long seed,
    boolean reproducible,
    String graphJson,
    java.time.Duration blockTimeout) {

  /** Returns a setup without a time limit per block. */
  public RunSetup(
      String graphName,
      Path runsRoot,
      Path baseDir,
      String device,
      long seed,
      boolean reproducible,
      String graphJson) {
    this(graphName, runsRoot, baseDir, device, seed, reproducible, graphJson, null);
  }

  /** Returns the setup for running a graph with the given options. */
  public static RunSetup of(Graph graph, Path runsRoot, Path baseDir, RunOptions options) {
    return new RunSetup(
        graph.name(),
        runsRoot,
        baseDir,
        options.device(),
        options.effectiveSeed(),
        options.reproducible(),
        GraphJson.write(graph),
        options.blockTimeout());
  }
}
