package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Finding.Level;
import dev.blocksmith.engine.value.Fix;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Coach rules for leakage: an id column the model learns from, a single column that gives the
 * answer away, and examples that appear in both the training and the test part.
 */
final class LeakageRule {
  /** Fewer rows than this are too few to call a column an id or a give-away. */
  static final int MIN_ROWS = 20;

  /** Share of test examples also in the training part that the coach flags. */
  static final double SHARED = 0.05;

  private static final Pattern ID_NAME =
      Pattern.compile(
          "(?i)(^|[ _\\-.])(id|ids|uuid|guid|key|identifier)$|^(id|row|index)"
              + "([ _\\-.]|$)|(customer|patient|user|account|order)[ _\\-.]?(no|nr|number|num)$");

  private LeakageRule() {}

  /** Returns findings for id columns and give-away columns the model uses as features. */
  static List<Finding> columns(Preprocessing pre, Dataset data) {
    if (!(data instanceof Table t) || t.rowCount() < MIN_ROWS || pre.labelColumn() == null) {
      return List.of();
    }
    Column label = t.column(pre.labelColumn()).orElse(null);
    List<Finding> out = new ArrayList<>();
    for (ColumnStep s : pre.steps()) {
      Column c = t.column(s.column()).orElse(null);
      if (c == null) {
        continue;
      }
      if (looksLikeId(c)) {
        out.add(
            new Finding(
                Level.WARNING,
                "An id column is used to learn",
                String.format(
                    Locale.ROOT,
                    "Every row has its own value of \"%s\", like an id. The "
                        + "model can memorise ids instead of learning, and new rows have new ids.",
                    c.name()),
                "Mark it as an id column so the model ignores it (and Split keeps its rows "
                    + "together).",
                Fix.set(
                    "data.load-csv",
                    "idColumns",
                    quote(c.name()),
                    "mark \"" + c.name() + "\" as an id column in Load CSV")));
      } else if (label != null
          && !s.column().equals(pre.labelColumn())
          && givesAnswerAway(c, label)) {
        out.add(
            new Finding(
                Level.WARNING,
                "One column gives the answer away",
                String.format(
                    Locale.ROOT,
                    "\"%s\" alone predicts \"%s\" perfectly. Such a column "
                        + "is usually recorded after the fact (leakage), and the model will fail where "
                        + "it is not known yet.",
                    c.name(),
                    label.name()),
                "Check how the column is made; if it is known only after the answer, drop it.",
                Fix.set(
                    "prepare.clean",
                    "dropColumns",
                    quote(c.name()),
                    "drop the column \"" + c.name() + "\" with Clean")));
      }
    }
    return out;
  }

  /** Returns a finding when many test examples also appear in the training part. */
  static List<Finding> shared(Dataset train, Dataset test) {
    if (train == null || test == null || test.size() == 0) {
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < train.size(); r++) {
      seen.add(key(train, r));
    }
    int both = 0;
    for (int r = 0; r < test.size(); r++) {
      both += seen.contains(key(test, r)) ? 1 : 0;
    }
    if (both < 3 || both < SHARED * test.size()) {
      return List.of();
    }
    return List.of(
        new Finding(
            Level.WARNING,
            "Test examples were also trained on",
            String.format(
                Locale.ROOT,
                "%d of the %d test examples (%.0f %%) also appear in the "
                    + "training part, so the score partly measures memory.",
                both,
                test.size(),
                100.0 * both / test.size()),
            "Remove duplicate rows before Split.",
            Fix.set(
                "prepare.clean",
                "dropDuplicates",
                "true",
                "remove duplicate rows with Clean before Split")));
  }

  /** Returns whether every row has its own value and the column looks like an id. */
  static boolean looksLikeId(Column c) {
    int n = c.size();
    Set<String> distinct = new HashSet<>();
    boolean integers = true;
    for (int r = 0; r < n; r++) {
      if (c.isMissing(r)) {
        return false;
      }
      distinct.add(c.format(r));
      if (c instanceof NumberColumn num && num.get(r) != Math.rint(num.get(r))) {
        integers = false;
      }
    }
    if (distinct.size() < n) {
      return false;
    }
    if (c instanceof NumberColumn) {
      return integers && (ID_NAME.matcher(c.name()).find() || consecutive((NumberColumn) c));
    }
    return c instanceof CategoryColumn || c instanceof TextColumn;
  }

  private static boolean consecutive(NumberColumn c) {
    double[] v = c.toArray();
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length - 1] - sorted[0] == sorted.length - 1;
  }

  /**
   * Returns whether the column determines the label: each category value maps to one answer (with
   * values repeated), or for numbers, one cut point per class boundary separates classes.
   */
  static boolean givesAnswerAway(Column c, Column label) {
    int n = c.size();
    if (c instanceof NumberColumn num) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(num.get(a), num.get(b)));
      Set<String> closed = new HashSet<>();
      String current = null;
      int classes = 0;
      for (int i : order) {
        if (num.isMissing(i) || label.isMissing(i)) {
          return false;
        }
        String answer = label.format(i);
        if (!answer.equals(current)) {
          if (closed.contains(answer)) {
            return false;
          }
          if (current != null) {
            closed.add(current);
          }
          current = answer;
          classes++;
        }
      }
      return classes >= 2 && classes <= 20;
    }
    Map<String, String> answerOf = new HashMap<>();
    for (int r = 0; r < n; r++) {
      if (c.isMissing(r) || label.isMissing(r)) {
        return false;
      }
      String prior = answerOf.putIfAbsent(c.format(r), label.format(r));
      if (prior != null && !prior.equals(label.format(r))) {
        return false;
      }
    }
    Set<String> answers = new HashSet<>(answerOf.values());
    return answers.size() >= 2 && answerOf.size() <= n / 2;
  }

  private static String key(Dataset d, int row) {
    if (d instanceof ImageSet s) {
      return Arrays.toString(s.image(row));
    }
    Table t = (Table) d;
    StringBuilder sb = new StringBuilder();
    for (Column c : t.columns()) {
      sb.append(c.isMissing(row) ? "\u0000" : c.format(row)).append('\u0001');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
