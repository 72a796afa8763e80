package dev.blocksmith.nodes.data.csv;

import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses what each feature column of a freshly read table is for, with a reason a person can
 * check: ids (unique whole numbers or codes) are never learned from, dates become year, month and
 * weekday numbers, and free text is left out. The guesses are pure: {@link #guess} only looks, and
 * {@link #apply} changes the table.
 */
public final class ColumnGuesses {
  /** Names that say "this identifies a row". */
  private static final Pattern ID_NAME =
      Pattern.compile(
          "(?i)(^|.*[^a-z])(id|ids|key|uuid|guid|nr|no|number|num|code|ref)$"
              + "|^(id|key)([^a-z].*)?$");

  /** camelCase names such as customerId or orderNo. */
  private static final Pattern ID_CAMEL = Pattern.compile(".*[a-z](Id|ID|Key|No|Nr)$");

  /** Codes such as P-00123 or AB12345. */
  private static final Pattern CODE = Pattern.compile("[A-Za-z]{0,4}[-_/]?[0-9]{3,}");

  private static final List<DateTimeFormatter> DATES =
      List.of(
              "uuuu-MM-dd",
              "dd.MM.uuuu",
              "d.M.uuuu",
              "dd/MM/uuuu",
              "MM/dd/uuuu",
              "uuuu/MM/dd",
              "uuuu-MM-dd HH:mm",
              "uuuu-MM-dd HH:mm:ss",
              "uuuu-MM-dd'T'HH:mm:ss",
              "dd.MM.uuuu HH:mm",
              "uuuu-MM-dd'T'HH:mm")
          .stream()
          .map(
              p ->
                  DateTimeFormatter.ofPattern(p, Locale.ROOT)
                      .withResolverStyle(ResolverStyle.STRICT))
          .toList();

  private ColumnGuesses() {}

  /** What a column looks like. */
  public enum Kind {
    /** Identifies a row: not learned from. */
    ID,
    /** Dates: learned from as year, month and weekday. */
    DATE,
    /** Free text: not learned from (yet). */
    TEXT
  }

  /**
   * One guess.
   *
   * @param column the column
   * @param kind what it looks like
   * @param reason why, in plain words ("looks like an id: unique whole numbers")
   */
  public record Guess(String column, Kind kind, String reason) {}

  /**
   * Returns the guesses for the feature columns of {@code table} that are not in {@code keep}
   * (columns the user wants learned from as they are).
   */
  public static List<Guess> guess(Table table, Set<String> keep) {
    List<Guess> out = new ArrayList<>();
    for (Column c : table.columns()) {
      if (table.role(c.name()) != ColumnRole.FEATURE || keep.contains(c.name())) {
        continue;
      }
      String id = idReason(c);
      if (id != null) {
        out.add(new Guess(c.name(), Kind.ID, id));
        continue;
      }
      String example = dateExample(c);
      if (example != null) {
        out.add(new Guess(c.name(), Kind.DATE, "holds dates (such as " + example + ")"));
      } else if (c.type() == ColumnType.TEXT) {
        out.add(new Guess(c.name(), Kind.TEXT, "holds free text (mostly different on every row)"));
      }
    }
    return out;
  }

  /**
   * Returns the table with the guesses applied: ids marked as ids, text ignored, each date column
   * ignored and replaced by three number columns (year, month, weekday) placed after it.
   */
  public static Table apply(Table table, List<Guess> guesses) {
    Table t = table;
    for (Guess g : guesses) {
      switch (g.kind()) {
        case ID -> t = t.withRole(g.column(), ColumnRole.ID);
        case TEXT -> t = t.withRole(g.column(), ColumnRole.IGNORE);
        case DATE -> {
          Column c = t.column(g.column()).orElseThrow();
          double[][] parts = dateParts(c);
          String[] names = dateColumnNames(g.column());
          for (int k = 0; k < 3; k++) {
            if (t.column(names[k]).isEmpty()) {
              t = t.withColumn(new NumberColumn(names[k], parts[k]));
            }
          }
          t = t.withRole(g.column(), ColumnRole.IGNORE);
        }
        default -> throw new IllegalStateException();
      }
    }
    return t;
  }

  /** Returns the names of the year, month and weekday columns made from a date column. */
  public static String[] dateColumnNames(String column) {
    return new String[] {column + " year", column + " month", column + " weekday"};
  }

  /** Returns what the log says about a guess. */
  public static String message(Guess g) {
    return switch (g.kind()) {
      case ID ->
          "Column \""
              + g.column()
              + "\" "
              + g.reason()
              + ", so it is not learned from "
              + "(an id tells nothing about the answer). Name it under \"Always learn from\" in Load "
              + "CSV if it should be.";
      case DATE ->
          "Column \""
              + g.column()
              + "\" "
              + g.reason()
              + ": it is learned from as "
              + String.join(", ", dateColumnNames(g.column()))
              + " (Monday = 1).";
      case TEXT ->
          "Column \""
              + g.column()
              + "\" "
              + g.reason()
              + ", so it is kept but not "
              + "learned from.";
    };
  }

  private static String idReason(Column c) {
    int present = 0;
    Set<String> seen = new HashSet<>();
    boolean whole = c instanceof NumberColumn;
    boolean codes = !whole;
    for (int i = 0; i < c.size(); i++) {
      if (c.isMissing(i)) {
        continue;
      }
      present++;
      String s = c.format(i);
      seen.add(s);
      if (c instanceof NumberColumn n && n.get(i) != Math.rint(n.get(i))) {
        return null;
      }
      codes &= CODE.matcher(s).matches();
    }
    if (present < 10 || c.type() == ColumnType.BOOLEAN) {
      return null;
    }
    double unique = (double) seen.size() / present;
    boolean named =
        ID_NAME.matcher(c.name().trim()).matches() || ID_CAMEL.matcher(c.name().trim()).matches();
    String what = whole ? "whole numbers" : codes ? "codes" : "texts";
    if (named && unique >= 0.9) {
      return "looks like an id: "
          + (unique == 1 ? "unique " : "nearly unique ")
          + what
          + " and an id-like name";
    }
    if ((whole || codes) && unique == 1 && present == c.size() && consecutive(c, whole)) {
      return "looks like an id: unique " + what + " counting up row by row";
    }
    if (codes && unique >= 0.98) {
      return "looks like an id: unique " + what;
    }
    return null;
  }

  /** Whether whole numbers run through a range with few gaps (row numbers), or codes are. */
  private static boolean consecutive(Column c, boolean whole) {
    if (!whole) {
      return true;
    }
    NumberColumn n = (NumberColumn) c;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n.size(); i++) {
      min = Math.min(min, n.get(i));
      max = Math.max(max, n.get(i));
    }
    return max - min + 1 <= 1.1 * n.size();
  }

  private static String dateExample(Column c) {
    if (c.type() != ColumnType.TEXT && c.type() != ColumnType.CATEGORY) {
      return null;
    }
    int present = 0;
    int dates = 0;
    String example = null;
    for (int i = 0; i < c.size() && present < 2000; i++) {
      if (!c.isMissing(i)) {
        present++;
        if (parse(c.format(i)) != null) {
          dates++;
          example = example == null ? c.format(i) : example;
        }
      }
    }
    return present >= 5 && dates >= 0.9 * present ? example : null;
  }

  private static double[][] dateParts(Column c) {
    double[][] parts = new double[3][c.size()];
    for (int i = 0; i < c.size(); i++) {
      LocalDate d = c.isMissing(i) ? null : parse(c.format(i));
      parts[0][i] = d == null ? Double.NaN : d.getYear();
      parts[1][i] = d == null ? Double.NaN : d.getMonthValue();
      parts[2][i] = d == null ? Double.NaN : d.getDayOfWeek().getValue();
    }
    return parts;
  }

  /** Returns the date a cell holds, or null when it is not a date in a known form. */
  static LocalDate parse(String cell) {
    String s = cell.trim();
    if (s.length() < 8 || s.length() > 19 || !Character.isDigit(s.charAt(0))) {
      return null;
    }
    for (DateTimeFormatter f : DATES) {
      try {
        TemporalAccessor t = f.parse(s);
        return LocalDate.from(t);
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return null;
  }
}
