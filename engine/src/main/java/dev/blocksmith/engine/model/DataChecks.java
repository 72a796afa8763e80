package dev.blocksmith.engine.model;

import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Looks at a training table for data that would train "successfully" into a useless model: a
 * feature with no values, numbers so large that their squares overflow, text mixed into a column of
 * numbers, and a label with more classes than the rows can teach. Each finding names the column
 * (and a row where one helps), so the user can fix the data before minutes of training.
 */
public final class DataChecks {
  /** Numbers at or beyond this size are refused: their squares overflow a double. */
  public static final double MAX_MAGNITUDE = 1e150;

  /** Most classes a label may have. */
  public static final int MAX_CLASSES = 10_000;

  private DataChecks() {}

  /**
   * What was found.
   *
   * @param column the column at fault
   * @param error whether training must not go on
   * @param message the finding in plain words
   */
  public record Finding(String column, boolean error, String message) {}

  /** Returns the findings for {@code table}, whose column {@code label} is to be predicted. */
  public static List<Finding> check(Table table, String label, int classes, boolean regression) {
    List<Finding> out = new ArrayList<>();
    int rows = table.rowCount();
    List<Column> columns =
        new ArrayList<>(
            table.featureColumns().stream().filter(c -> !c.name().equals(label)).toList());
    if (regression) {
      table.column(label).ifPresent(columns::add);
    }
    for (Column c : columns) {
      boolean isLabel = c.name().equals(label);
      if (!isLabel && c.type() != ColumnType.TEXT && c.missingCount() == rows && rows > 0) {
        out.add(
            new Finding(
                c.name(),
                true,
                "Column \""
                    + c.name()
                    + "\" has no values at all in "
                    + "the "
                    + rows
                    + " training rows, so there is nothing to learn from it. Remove it "
                    + "(mark it as ignored) or fill it."));
        continue;
      }
      if (c instanceof NumberColumn n && !withinRange(n.summary())) {
        for (int r = 0; r < n.size(); r++) {
          double v = n.get(r);
          if (Double.isInfinite(v) || Math.abs(v) >= MAX_MAGNITUDE) {
            out.add(
                new Finding(
                    c.name(),
                    true,
                    "Column \""
                        + c.name()
                        + "\" holds the extreme "
                        + "value "
                        + n.format(r)
                        + " (row "
                        + (r + 1)
                        + "); numbers this large make "
                        + "training meaningless. Fix or remove that row, or rescale the column."));
            break;
          }
        }
      } else if (c.type() == ColumnType.CATEGORY || c.type() == ColumnType.TEXT) {
        mixedNumbers(c).ifPresent(out::add);
      }
    }
    if (!regression
        && classes > 2
        && (classes > MAX_CLASSES || (classes > 10 && classes * 2L > rows))) {
      out.add(
          new Finding(
              label,
              true,
              String.format(
                  Locale.ROOT,
                  "Column \"%s\" has %,d "
                      + "different values in %,d rows; a model cannot learn that many classes from so few "
                      + "examples (each class needs several). Is it an id or a free-text column? Predict "
                      + "another column, or group the values into fewer classes.",
                  label,
                  classes,
                  rows)));
    }
    return out;
  }

  /** Whether no present value is infinite or beyond {@link #MAX_MAGNITUDE} (then no row is). */
  private static boolean withinRange(NumberColumn.Summary s) {
    return s.count() == 0
        || (Math.abs(s.min()) < MAX_MAGNITUDE && Math.abs(s.max()) < MAX_MAGNITUDE);
  }

  /** Finds a column of mostly numbers with some text in it (such as "n/a" or "12,5"). */
  private static java.util.Optional<Finding> mixedNumbers(Column c) {
    int numbers = 0;
    int present = 0;
    int firstText = -1;
    for (int r = 0; r < c.size(); r++) {
      if (c.isMissing(r)) {
        continue;
      }
      present++;
      if (isNumber(c.format(r))) {
        numbers++;
      } else if (firstText < 0) {
        firstText = r;
      }
    }
    if (present == 0 || firstText < 0 || numbers < 0.8 * present) {
      return java.util.Optional.empty();
    }
    String text = c.format(firstText);
    text = text.length() > 30 ? text.substring(0, 30) + "…" : text;
    return java.util.Optional.of(
        new Finding(
            c.name(),
            false,
            String.format(
                Locale.ROOT,
                "Column \"%s\" looks like numbers (%,d of %,d values) but also holds text such as \"%s\" "
                    + "(row %d), so it is treated as categories, not numbers. Clean those cells to use it "
                    + "as a number.",
                c.name(),
                numbers,
                present,
                text,
                firstText + 1)));
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.trim());
      return !s.isBlank();
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
