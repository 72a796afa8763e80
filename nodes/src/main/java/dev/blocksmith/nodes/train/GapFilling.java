package dev.blocksmith.nodes.train;

import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.List;

/** Says in plain words how the gaps of the training part's number columns are filled. */
final class GapFilling {
  private static final int NAMES = 3;
  private static final int COLUMNS = 4;

  private GapFilling() {}

  /**
   * Returns the log line about gaps in the number columns of {@code train} ("Gaps in petal_width
   * are filled from the other columns (sepal_length, …) instead of the average."), or null when
   * they have none.
   */
  static String describe(Preprocessing pre, Dataset train) {
    if (!(train instanceof Table table)) {
      return null;
    }
    List<Preprocessing.ColumnStep> filled = new ArrayList<>();
    List<String> average = new ArrayList<>();
    for (Preprocessing.ColumnStep s : pre.steps()) {
      if (s.op() == Preprocessing.Op.SCALE
          && table.column(s.column()).orElse(null) instanceof NumberColumn c
          && c.missingCount() > 0) {
        if (s.imputation() == null) {
          average.add(s.column());
        } else {
          filled.add(s);
        }
      }
    }
    String line = "";
    if (filled.size() == 1) {
      line =
          "Gaps in "
              + filled.get(0).column()
              + " are filled from the other columns ("
              + names(filled.get(0).imputation().from())
              + ") instead of the average.";
    } else if (!filled.isEmpty()) {
      List<String> each =
          filled.stream()
              .limit(COLUMNS)
              .map(s -> s.column() + " from " + names(s.imputation().from()))
              .toList();
      line =
          "Gaps are filled from the other columns instead of the average: "
              + String.join("; ", each)
              + (filled.size() > COLUMNS ? "; and " + (filled.size() - COLUMNS) + " more" : "")
              + ".";
    }
    if (!average.isEmpty()) {
      line +=
          (line.isEmpty() ? "" : " ")
              + "Gaps in "
              + names(average)
              + " are filled with the training average (the other columns do not predict "
              + (average.size() == 1 ? "it" : "them")
              + " better, or too few rows are complete).";
    }
    return line.isEmpty() ? null : line;
  }

  private static String names(List<String> names) {
    return String.join(", ", names.subList(0, Math.min(NAMES, names.size())))
        + (names.size() > NAMES ? ", …" : "");
  }
}
