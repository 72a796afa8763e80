package dev.blocksmith.editor.canvas;

import dev.blocksmith.engine.graph.Graph;
import java.util.function.UnaryOperator;

/** Where the canvas reads the current graph and sends each gesture as one new graph. */
public interface GraphEdits {

  /** Returns the current graph. */
  Graph graph();

  /**
   * Applies one user gesture: the graph returned by {@code change} becomes current and one undo
   * step. A change that returns the same graph records nothing.
   *
   * @param what the gesture in words, for the Undo menu ("Add Train")
   * @param change computes the next graph from the current one
   */
  void edit(String what, UnaryOperator<Graph> change);
}
