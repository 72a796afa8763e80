package dev.blocksmith.editor.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lesson: a title, ordered steps each explaining one node of the graph in plain words, and a
 * summary of what was learnt. A step may say what must happen before it counts as done, and may
 * react to the learner's real run. Read from the graph file's top-level {@code "lesson"} section
 * (the format is documented for teachers in {@code docs/lessons.md}):
 *
 * <pre>{@code
 * "lesson": {"title": "...", "summary": "...", "steps": [{"node": "split", "title": "...",
 *   "text": "...", "done": {"ran": "evaluate"},
 *   "react": [{"metric": "evaluate.accuracy", "below": 0.7, "say": "..."}]}]}
 * }</pre>
 *
 * @param title the lesson's title
 * @param steps the steps, in order
 * @param summary what the learner has learnt, shown at the end (may be empty)
 */
public record Lesson(String title, List<Step> steps, String summary) {
  /** The name of the graph file's section. */
  public static final String SECTION = "lesson";

  /**
   * One step.
   *
   * @param node the id of the node it is about (may be empty for a general step)
   * @param title a short heading
   * @param text what to read and do, in plain words
   * @param done what must happen before the step counts as done, or null
   * @param react messages shown when the run meets their condition
   */
  public record Step(
      String node, String title, String text, LessonCheck done, List<LessonCheck> react) {

    /** A step without conditions. */
    public Step(String node, String title, String text) {
      this(node, title, text, null, List.of());
    }

    /** Copies the reactions. */
    public Step {
      react = react == null ? List.of() : List.copyOf(react);
    }
  }

  /** Copies the steps. */
  public Lesson {
    steps = List.copyOf(steps);
    summary = summary == null ? "" : summary;
  }

  /** Returns the lesson of {@code g}, or empty when it has none (or none with steps). */
  public static Optional<Lesson> of(Graph g) {
    JsonNode l = g.extras().get(SECTION);
    if (l == null || !l.path("steps").isArray()) {
      return Optional.empty();
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode s : l.path("steps")) {
      List<LessonCheck> react = new ArrayList<>();
      for (JsonNode r : s.path("react")) {
        react.add(LessonCheck.parse(r));
      }
      steps.add(
          new Step(
              s.path("node").asText(""),
              s.path("title").asText(""),
              s.path("text").asText(""),
              s.has("done") ? LessonCheck.parse(s.get("done")) : null,
              react));
    }
    return steps.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Lesson(l.path("title").asText(g.name()), steps, l.path("summary").asText("")));
  }
}
