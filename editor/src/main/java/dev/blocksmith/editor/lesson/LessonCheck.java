package dev.blocksmith.editor.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.Graph;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A condition on the learner's work: a node has run ({@code "ran": "train"}), a metric passed a
 * value ({@code "metric": "evaluate.accuracy", "above": 0.9} or {@code "below"}), or a setting was
 * changed ({@code "changed": "train.epochs"}, optionally {@code "to": 2}). {@code "hint"} says what
 * to do while it is not met; {@code "say"} is shown once it is met, with {@code {value}} replaced
 * by the metric ("60 %").
 *
 * @param ran the node that must have run, or null
 * @param metric "node.metric" to compare, or null
 * @param above the metric must be at least this, or NaN
 * @param below the metric must be at most this, or NaN
 * @param changed "node.param" that must differ from the lesson's start, or null
 * @param to the value the changed param must have, or null for any other value
 * @param hint what to do while the condition is not met
 * @param say what to say once it is met
 */
public record LessonCheck(
    String ran,
    String metric,
    double above,
    double below,
    String changed,
    JsonNode to,
    String hint,
    String say) {

  /**
   * Reads a condition.
   *
   * @throws IllegalArgumentException naming the mistake when it sets none of ran, metric, changed
   */
  public static LessonCheck parse(JsonNode n) {
    LessonCheck c =
        new LessonCheck(
            text(n, "ran"),
            text(n, "metric"),
            n.path("above").asDouble(Double.NaN),
            n.path("below").asDouble(Double.NaN),
            text(n, "changed"),
            n.has("to") ? n.get("to") : null,
            n.path("hint").asText(""),
            n.path("say").asText(""));
    if (c.ran == null && c.metric == null && c.changed == null) {
      throw new IllegalArgumentException(
          "A lesson condition needs \"ran\", \"metric\" or " + "\"changed\": " + n);
    }
    if (c.metric != null
        && (c.metric.indexOf('.') < 1 || Double.isNaN(c.above) && Double.isNaN(c.below))) {
      throw new IllegalArgumentException(
          "A metric condition reads \"metric\": \"node.name\" "
              + "with \"above\" or \"below\": "
              + n);
    }
    return c;
  }

  /** Returns whether the condition holds; {@code start} is the pipeline when the lesson began. */
  public boolean met(LessonState s, Graph start) {
    if (ran != null && !s.ran(ran)) {
      return false;
    }
    if (metric != null) {
      OptionalDouble v = value(s);
      if (v.isEmpty()
          || !Double.isNaN(above) && v.getAsDouble() < above
          || !Double.isNaN(below) && v.getAsDouble() > below) {
        return false;
      }
    }
    if (changed != null) {
      int dot = changed.indexOf('.');
      JsonNode now = param(s.graph(), changed.substring(0, dot), changed.substring(dot + 1));
      JsonNode before = param(start, changed.substring(0, dot), changed.substring(dot + 1));
      if (to != null ? !same(to, now) : same(before, now)) {
        return false;
      }
    }
    return true;
  }

  /** Returns the message to show when the condition holds, with the metric filled in. */
  public String message(LessonState s) {
    OptionalDouble v = metric == null ? OptionalDouble.empty() : value(s);
    String shown =
        v.isEmpty()
            ? ""
            : v.getAsDouble() >= 0
                    && v.getAsDouble() <= 1
                    && metric.matches(".*(accuracy|precision|recall|F1|AUC).*")
                ? percent(v.getAsDouble())
                : String.format(Locale.ROOT, "%.3g", v.getAsDouble());
    return say.replace("{value}", shown);
  }

  /**
   * A share as the cards show it: one decimal, dropped when it is zero ("99.7 %", "60 %"); never
   * rounded up to 100 % or down to 0 % when the share is not exactly that.
   */
  static String percent(double share) {
    double p = share * 100;
    if (p > 99.95 && share < 1) {
      p = 99.9;
    } else if (p < 0.05 && share > 0) {
      p = 0.1;
    }
    String s = String.format(Locale.ROOT, "%.1f", p);
    return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + " %";
  }

  private OptionalDouble value(LessonState s) {
    int dot = metric.indexOf('.');
    return s.metric(metric.substring(0, dot), metric.substring(dot + 1));
  }

  private static JsonNode param(Graph g, String node, String name) {
    return g.node(node).map(n -> n.params().get(name)).orElse(null);
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.equals(b);
  }

  private static String text(JsonNode n, String field) {
    return Optional.ofNullable(n.get(field))
        .map(JsonNode::asText)
        .filter(t -> !t.isBlank())
        .orElse(null);
  }
}
