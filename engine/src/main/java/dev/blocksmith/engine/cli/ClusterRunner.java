package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs a whole pipeline on another engine, such as Apache Spark ({@code run FILE --spark MASTER}).
 * The optional {@code spark} module provides one through {@link ServiceLoader}; the desktop app
 * does not contain it.
 */
public interface ClusterRunner {

  /**
   * What to run.
   *
   * @param graph the pipeline, with the command line's overrides applied
   * @param file the pipeline file
   * @param baseDir the folder relative paths start from
   * @param master where to run (for Spark: {@code local[2]}, {@code spark://host:7077}, or {@code
   *     submit} for the master chosen by spark-submit)
   * @param options targets, device, seed, reproducibility
   * @param runsRoot where run folders go
   * @param overrides the --set arguments as given, recorded in the run history
   * @param json whether to print a machine-readable summary
   */
  record Request(
      Graph graph,
      Path file,
      Path baseDir,
      String master,
      RunOptions options,
      Path runsRoot,
      List<String> overrides,
      boolean json) {}

  /** Returns the engine's name, such as "spark". */
  String name();

  /** Runs the pipeline and returns the exit code (0 success, 1 a block failed, 2 bad input). */
  int run(Request request, NodeRegistry registry, PrintStream out, PrintStream err);

  /** Returns the installed runner of that name, if its module is on the class path. */
  static Optional<ClusterRunner> find(String name) {
    for (ClusterRunner r : ServiceLoader.load(ClusterRunner.class)) {
      if (r.name().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
