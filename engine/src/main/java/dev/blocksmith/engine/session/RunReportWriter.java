package dev.blocksmith.engine.session;

import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Writes a self-contained report file of a finished run (the HTML report). The engine draws no
 * pictures itself, so the writer is found with {@link ServiceLoader}; the built-in blocks provide
 * one.
 */
public interface RunReportWriter {

  /**
   * Writes the report of {@code result} to {@code file} atomically.
   *
   * @param baseDir the folder the graph's relative paths are resolved against
   */
  void write(Graph graph, RunResult result, NodeRegistry registry, Path baseDir, Path file)
      throws IOException;

  /** Returns the first writer on the class path, or empty when none is installed. */
  static Optional<RunReportWriter> find() {
    return ServiceLoader.load(RunReportWriter.class, RunReportWriter.class.getClassLoader())
        .findFirst();
  }
}
