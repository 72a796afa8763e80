package dev.blocksmith.engine.exec;

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
 */
public record RunSetup(
    String graphName, Path runsRoot, Path baseDir, String device, long seed,
    boolean reproducible) {

  /** Returns the setup for running a graph with the given options. */
  public static RunSetup of(String graphName, Path runsRoot, Path baseDir, RunOptions options) {
    return new RunSetup(graphName, runsRoot, baseDir, options.device(), options.effectiveSeed(),
        options.reproducible());
  }
}
