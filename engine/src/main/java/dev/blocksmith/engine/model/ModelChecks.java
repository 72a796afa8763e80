package dev.blocksmith.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.model.Weights.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a model file must pass before it may answer anything: every part matches its SHA-256,
 * no weight is NaN or infinite, and the preprocessing has no zero, NaN or infinite scales or
 * centres, no repeated class or category names, and no gap filling from other columns whose weights
 * do not fit the columns it reads. Each refusal names the part, layer or column at fault, because a
 * damaged model that predicts the same class for every row looks like a working one.
 */
final class ModelChecks {
  private ModelChecks() {}

  /** Checks that every part other than {@code bundle.json} is listed and matches its checksum. */
  static void checkSums(String name, JsonNode sums, Map<String, byte[]> parts)
      throws ModelFileException {
    if (!sums.isObject()) {
      throw new ModelFileException(
          name + " is damaged or was edited: it lists no checksums of " + "its parts.", null);
    }
    for (Map.Entry<String, byte[]> p : parts.entrySet()) {
      if (p.getKey().equals("bundle.json")) {
        continue;
      }
      JsonNode want = sums.get(p.getKey());
      if (want == null || !want.isTextual()) {
        throw new ModelFileException(
            name + " is damaged or was edited: its part \"" + p.getKey() + "\" has no checksum.",
            null);
      }
      if (!want.asText().equalsIgnoreCase(ModelBundle.sha256(p.getValue()))) {
        throw new ModelFileException(
            name
                + " is damaged or was edited: its part \""
                + p.getKey()
                + "\" does not match its checksum. Use an undamaged copy of the model.",
            null);
      }
    }
    for (var it = sums.fieldNames(); it.hasNext(); ) {
      String part = it.next();
      if (!parts.containsKey(part)) {
        throw new ModelFileException(
            name + " is damaged: its part \"" + clip(part) + "\" is missing.", null);
      }
    }
  }

  /** Checks that every weight is a finite number. */
  static void checkFinite(String name, List<Tensor> tensors) throws ModelFileException {
    for (Tensor t : tensors) {
      for (int i = 0; i < t.data().length; i++) {
        if (!Float.isFinite(t.data()[i])) {
          throw new ModelFileException(
              name
                  + " is damaged: layer '"
                  + t.name()
                  + "' holds the "
                  + "weight "
                  + t.data()[i]
                  + " (value "
                  + (i + 1)
                  + "); a model with such weights "
                  + "gives meaningless answers.",
              null);
        }
      }
    }
  }

  /** Checks the fitted preprocessing for values that would make every answer meaningless. */
  static void checkPreprocessing(String name, Preprocessing pre) throws ModelFileException {
    for (ColumnStep s : pre.steps()) {
      if (s.op() == null || s.column() == null) {
        throw bad(name, "a column step has no column or operation");
      }
      if (!Double.isFinite(s.fill()) || !Double.isFinite(s.center())) {
        throw bad(
            name,
            "column \""
                + clip(s.column())
                + "\" has a missing-value fill or centre "
                + "that is not a finite number");
      }
      if (s.op() == Preprocessing.Op.SCALE && (!Double.isFinite(s.scale()) || s.scale() == 0)) {
        throw bad(
            name,
            "column \""
                + clip(s.column())
                + "\" is scaled by "
                + s.scale()
                + ", which would make every value of it the same (or not a number)");
      }
      distinct(name, "column \"" + clip(s.column()) + "\"", s.levels());
      if (s.imputation() != null) {
        checkImputation(name, pre, s);
      }
    }
    if (pre.task() == ArchSpec.Task.REGRESSION
        && (!Double.isFinite(pre.labelScale())
            || pre.labelScale() == 0
            || !Double.isFinite(pre.labelCenter()))) {
      throw bad(
          name,
          "the answer is scaled by "
              + pre.labelScale()
              + " around "
              + pre.labelCenter()
              + ", which would make every prediction the same");
    }
    if (pre.input() == Preprocessing.Input.IMAGES
        && (pre.imageShape().size() != 3
            || pre.imageShape().stream().anyMatch(d -> d == null || d < 1 || d > 4096)
            || !List.of(1, 3).contains(pre.imageShape().get(0)))) {
      throw bad(
          name,
          "its image shape " + pre.imageShape() + " is not [1 or 3 channels, height, " + "width]");
    }
    distinct(name, "the class list", pre.classNames());
  }

  /**
   * Checks a gap filling from the other columns: a number column, reading other number, yes/no or
   * category columns of the model once each, one finite weight per number they become, a finite
   * bias and range.
   */
  private static void checkImputation(String name, Preprocessing pre, ColumnStep s)
      throws ModelFileException {
    Preprocessing.Imputation how = s.imputation();
    String column = "column \"" + clip(s.column()) + "\"";
    if (s.op() != Preprocessing.Op.SCALE) {
      throw bad(name, column + " is not a number but has its gaps filled from other columns");
    }
    distinct(name, "the gap filling of " + column, how.from());
    int numbers = 0;
    for (String from : how.from()) {
      ColumnStep other =
          pre.steps().stream().filter(o -> from.equals(o.column())).findFirst().orElse(null);
      if (other == null || from.equals(s.column()) || !Imputer.readable(other)) {
        throw bad(
            name,
            column
                + " fills its gaps from \""
                + clip(from)
                + "\", which is not another number, yes/no or category column of the model");
      }
      numbers += other.width();
    }
    if (how.weights().size() != numbers) {
      throw bad(
          name,
          column
              + " fills its gaps with "
              + how.weights().size()
              + " weights, but the columns it reads from give "
              + numbers
              + (numbers == 1 ? " number" : " numbers"));
    }
    boolean finite =
        how.weights().stream().allMatch(w -> w != null && Double.isFinite(w))
            && Double.isFinite(how.bias())
            && Double.isFinite(how.min())
            && Double.isFinite(how.max());
    if (!finite || how.min() > how.max()) {
      throw bad(
          name,
          column
              + " fills its gaps with a weight, bias or range that is not a finite number (or a"
              + " range whose low end is above its high end)");
    }
  }

  private static void distinct(String name, String what, List<String> names)
      throws ModelFileException {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (n == null || !seen.add(n)) {
        throw bad(name, what + " names \"" + clip(String.valueOf(n)) + "\" twice");
      }
    }
  }

  private static ModelFileException bad(String name, String what) {
    return new ModelFileException(name + " is damaged or was edited: " + what + ".", null);
  }

  static String clip(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
  }
}
