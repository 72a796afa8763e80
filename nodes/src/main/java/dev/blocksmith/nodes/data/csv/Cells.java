package dev.blocksmith.nodes.data.csv;

import java.util.Locale;
import java.util.Set;

/**
 * Reads single CSV cells: missing-value markers, numbers (with decimal commas) and yes/no words.
 */
public final class Cells {

  /** The markers read as a missing value (compared ignoring case), besides an empty cell. */
  public static final Set<String> MISSING_MARKERS = Set.of("na", "n/a", "null", "?", "-", "nan");

  private static final String[] MARKER_LIST = MISSING_MARKERS.toArray(new String[0]);

  private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "y", "t");
  private static final Set<String> FALSE_WORDS = Set.of("false", "no", "n", "f");

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private Cells() {}

  /** Returns whether a (trimmed) cell means "no value": empty, NA, N/A, null, ?, - or NaN. */
  public static boolean isMissing(String cell) {
    int n = cell.length();
    if (n == 0) {
      return true;
    }
    // Every marker starts with n, N, ? or - and is at most 4 long: most cells leave here.
    char c = cell.charAt(0);
    if (n > 4 || !(c == 'n' || c == 'N' || c == '?' || c == '-')) {
      return false;
    }
    for (String m : MARKER_LIST) {
      if (m.length() == n && m.equalsIgnoreCase(cell)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the number in a cell, or NaN when it is not a plain number. Accepts a sign, digits, one
   * decimal point (or a decimal comma when {@code decimalComma}) and an exponent; rejects thousands
   * separators, currency signs and the words "Infinity" and "NaN".
   */
  public static double parseNumber(String cell, boolean decimalComma) {
    int n = cell.length();
    if (n == 0 || n > 40) {
      return Double.NaN;
    }
    char sep = decimalComma ? ',' : '.';
    int i = 0;
    boolean negative = false;
    char c0 = cell.charAt(0);
    if (c0 == '-' || c0 == '+') {
      negative = c0 == '-';
      i = 1;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = 0;
    boolean seenSep = false;
    int start = i;
    for (; i < n; i++) {
      char c = cell.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits < 18) {
          mantissa = mantissa * 10 + (c - '0');
          if (mantissa != 0) {
            digits++;
          }
          if (seenSep) {
            fractionDigits++;
          }
        } else {
          return slowParse(cell, decimalComma);
        }
      } else if (c == sep && !seenSep) {
        seenSep = true;
      } else if (c == 'e' || c == 'E') {
        return slowParse(cell, decimalComma);
      } else {
        return Double.NaN;
      }
    }
    int body = n - start - (seenSep ? 1 : 0);
    if (body == 0) {
      return Double.NaN;
    }
    double v;
    if (digits <= 15 && fractionDigits < POWERS_OF_TEN.length) {
      // Exact: both the mantissa and the power of ten are representable, so one division rounds
      // once.
      v = mantissa / POWERS_OF_TEN[fractionDigits];
    } else {
      return slowParse(cell, decimalComma);
    }
    return negative ? -v : v;
  }

  private static double slowParse(String cell, boolean decimalComma) {
    String s = decimalComma ? cell.replace(',', '.') : cell;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return Double.NaN;
      }
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Returns 1 for a yes word (true, yes, y, t), 0 for a no word, -1 for anything else. */
  public static int parseBoolean(String cell) {
    String s = cell.toLowerCase(Locale.ROOT);
    if (TRUE_WORDS.contains(s)) {
      return 1;
    }
    return FALSE_WORDS.contains(s) ? 0 : -1;
  }
}
