package dev.blocksmith.editor.app;

import dev.blocksmith.editor.canvas.GraphEdits;
import dev.blocksmith.engine.graph.Graph;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The open pipeline: the current immutable {@link Graph}, its file, whether it has unsaved changes,
 * and an undo history of graph snapshots. Used on the EDT only.
 */
public final class Document implements GraphEdits {
  private static final int MAX_UNDO = 200;

  private record Step(String what, Graph graph) {}

  private Graph graph = Graph.EMPTY;
  private Graph savedGraph = Graph.EMPTY;
  private Path file;
  private Path origin;
  private final Deque<Step> undo = new ArrayDeque<>();
  private final Deque<Step> redo = new ArrayDeque<>();
  private final List<Runnable> listeners = new ArrayList<>();

  @Override
  public Graph graph() {
    return graph;
  }

  @Override
  public void edit(String what, UnaryOperator<Graph> change) {
    Graph next = change.apply(graph);
    if (next == null || next.equals(graph)) {
      return;
    }
    undo.push(new Step(what, graph));
    if (undo.size() > MAX_UNDO) {
      undo.removeLast();
    }
    redo.clear();
    graph = next;
    fire();
  }

  /** Replaces everything with a freshly opened or created graph; clears the history. */
  public void reset(Graph g, Path newFile, boolean modified) {
    graph = Objects.requireNonNull(g);
    savedGraph = modified ? null : g;
    file = newFile;
    origin = null;
    undo.clear();
    redo.clear();
    fire();
  }

  /**
   * Shows a pipeline that came from someone else's file that is not a graph file (a picture) as a
   * new, unsaved pipeline. Until it is saved, runs treat it like an opened file from {@code from}'s
   * folder: files outside that folder are asked about.
   */
  public void resetForeign(Graph g, Path from) {
    reset(g, null, true);
    origin = from.toAbsolutePath();
  }

  /**
   * Returns the other person's file this unsaved pipeline came from (a picture), or null when it is
   * the user's own work or has been saved.
   */
  public Path origin() {
    return origin;
  }

  /** Records that the current graph was saved to {@code newFile}. */
  public void markSaved(Path newFile) {
    file = newFile;
    origin = null;
    savedGraph = graph;
    fire();
  }

  /** Returns the file, or null for a pipeline never saved. */
  public Path file() {
    return file;
  }

  /** Returns whether there are changes since the last save or open. */
  public boolean isModified() {
    return !graph.equals(savedGraph);
  }

  /** Returns whether undo is possible. */
  public boolean canUndo() {
    return !undo.isEmpty();
  }

  /** Returns whether redo is possible. */
  public boolean canRedo() {
    return !redo.isEmpty();
  }

  /** Returns what undo would revert, in words, or empty. */
  public String undoName() {
    return undo.isEmpty() ? "" : undo.peek().what();
  }

  /** Returns what redo would repeat, in words, or empty. */
  public String redoName() {
    return redo.isEmpty() ? "" : redo.peek().what();
  }

  /** Reverts the last gesture. */
  public void undo() {
    if (undo.isEmpty()) {
      return;
    }
    Step s = undo.pop();
    redo.push(new Step(s.what(), graph));
    graph = s.graph();
    fire();
  }

  /** Repeats the last undone gesture. */
  public void redo() {
    if (redo.isEmpty()) {
      return;
    }
    Step s = redo.pop();
    undo.push(new Step(s.what(), graph));
    graph = s.graph();
    fire();
  }

  /** Registers a listener called after every change of graph, file or saved state. */
  public void addListener(Runnable l) {
    listeners.add(l);
  }

  private void fire() {
    for (Runnable l : List.copyOf(listeners)) {
      l.run();
    }
  }
}
