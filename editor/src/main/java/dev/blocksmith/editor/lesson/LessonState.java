package dev.blocksmith.editor.lesson;

import dev.blocksmith.engine.graph.Graph;
import java.util.OptionalDouble;

/** What a lesson can see of the learner's work: the pipeline now and what the last run gave. */
public interface LessonState {
  /** Returns the pipeline as it is now. */
  Graph graph();

  /** Returns whether the node has produced results since the lesson started. */
  boolean ran(String nodeId);

  /** Returns a metric of a node's report from the last run ("accuracy"), when there is one. */
  OptionalDouble metric(String nodeId, String metric);
}
