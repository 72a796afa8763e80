package dev.blocksmith.editor.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lesson: a title and ordered steps, each explaining one node of the graph in plain words. Read
 * from the graph file's top-level {@code "lesson"} section:
 *
 * <pre>{@code
 * "lesson": {"title": "...", "steps": [{"node": "split", "title": "...", "text": "..."}]}
 * }</pre>
 *
 * @param title the lesson's title
 * @param steps the steps, in order
 */
public record Lesson(String title, List<Step> steps) {
  /** The name of the graph file's section. */
  public static final String SECTION = "lesson";

  /**
   * One step.
   *
   * @param node the id of the node it is about (may be empty for a general step)
   * @param title a short heading
   * @param text what to read and do, in plain words
   */
  public record Step(String node, String title, String text) {}

  /** Copies the steps. */
  public Lesson {
    steps = List.copyOf(steps);
  }

  /** Returns the lesson of {@code g}, or empty when it has none (or none with steps). */
  public static Optional<Lesson> of(Graph g) {
    JsonNode l = g.extras().get(SECTION);
    if (l == null || !l.path("steps").isArray()) {
      return Optional.empty();
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode s : l.path("steps")) {
      steps.add(new Step(s.path("node").asText(""), s.path("title").asText(""),
          s.path("text").asText("")));
    }
    return steps.isEmpty() ? Optional.empty()
        : Optional.of(new Lesson(l.path("title").asText(g.name()), steps));
  }
}
