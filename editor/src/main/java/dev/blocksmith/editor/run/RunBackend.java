package dev.blocksmith.editor.run;

import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import java.nio.file.Path;

/** Where runs happen (a worker JVM in the editor, a fake in tests). Methods return at once. */
public interface RunBackend {

  /** Starts the engine ahead of the first run, so the first run starts fast. */
  void warmUp(RunEvents events);

  /**
   * Lets the backend read what it has cached for {@code graph} (the pipeline just opened) while the
   * user looks at it, so that the first run serves it from memory; the default does nothing.
   */
  default void prefetch(Graph graph, Path baseDir, RunOptions options) {}

  /** Validates then runs {@code graph}; events arrive on {@code events} from any thread. */
  void start(String runId, Graph graph, Path baseDir, RunOptions options, RunEvents events);

  /**
   * Like {@link #start(String, Graph, Path, RunOptions, RunEvents)}, with the exact paths the user
   * agreed to in the editor's dialog (outside the pipeline's folder, or files to replace); the
   * default ignores them.
   */
  default void start(
      String runId,
      Graph graph,
      Path baseDir,
      RunOptions options,
      RunEvents events,
      java.util.List<Path> agreed) {
    start(runId, graph, baseDir, options, events);
  }

  /** Asks the run to stop. */
  void cancel(String runId);

  /** Stops the backend for good. */
  void shutdown();

  /**
   * Makes the next run use freshly loaded blocks (after a plugin was trusted). Does nothing while a
   * run is in progress; the default does nothing.
   */
  default void reload() {}

  /**
   * Forgets every cached output, in memory and on disk, so the next run executes every block;
   * {@code done} gets the bytes freed on disk, or an error message. Returns at once.
   */
  void clearCache(java.util.function.Consumer<String> done);

  /**
   * Estimates each training block's size, memory and time without training (the blocks before it
   * run, then a short timing probe); {@code done} gets the worker's {@code estimates} reply (see
   * {@code worker.Protocol}) or an object with a {@code message} when it could not. Returns at
   * once. The default cannot estimate.
   */
  default void estimate(
      String id,
      Graph graph,
      Path baseDir,
      RunOptions options,
      java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> done) {
    done.accept(
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
            .objectNode()
            .put("message", "Estimates need the training process."));
  }

  /** Asks for an HTML report of the next run, written to {@code file}; the default ignores it. */
  default void reportNextRun(java.nio.file.Path file) {}
}
