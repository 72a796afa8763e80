package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Picture;
import dev.blocksmith.engine.value.Report.Example;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples behind a confusion matrix: a table of the mistakes (for {@code --show} and CSV
 * export) and a few examples per cell for the report, so that clicking a cell shows them.
 */
final class Mistakes {
  /** Examples kept per confusion-matrix cell in the report. */
  static final int PER_CELL = 12;

  /** Examples kept in the report in all. */
  static final int TOTAL = 400;

  /** The longest side of a picture kept in the report. */
  static final int THUMB = 64;

  private Mistakes() {}

  /**
   * Returns the wrongly predicted examples as a table: for table data the original row with {@code
   * predicted} and {@code confidence} columns, for pictures their source, the actual and the
   * predicted class and the confidence. {@code rows} maps scored examples to data rows.
   */
  static Table table(
      Dataset data,
      int[] rows,
      int[] truth,
      int[] predicted,
      double[] confidence,
      List<String> names) {
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] != predicted[i]) {
        wrong.add(i);
      }
    }
    int[] pick = new int[wrong.size()];
    double[] rowNumber = new double[pick.length];
    String[] actual = new String[pick.length];
    String[] guess = new String[pick.length];
    double[] sure = new double[pick.length];
    for (int k = 0; k < pick.length; k++) {
      int i = wrong.get(k);
      pick[k] = rows[i];
      rowNumber[k] = rows[i] + 1;
      actual[k] = names.get(truth[i]);
      guess[k] = names.get(predicted[i]);
      sure[k] = Math.round(confidence[i] * 1000) / 1000.0;
    }
    if (data instanceof Table t) {
      Table kept = t.select(pick);
      // The model's answers are kept for reading, never learned from (a pipeline that trains on
      // this table must not learn the old model's guesses).
      String p = fresh(kept, "predicted");
      Table withGuess = kept.withColumn(new TextColumn(p, guess)).withRole(p, ColumnRole.IGNORE);
      String c = fresh(withGuess, "confidence");
      return withGuess.withColumn(new NumberColumn(c, sure)).withRole(c, ColumnRole.IGNORE);
    }
    ImageSet images = (ImageSet) data;
    String[] source = new String[pick.length];
    for (int k = 0; k < pick.length; k++) {
      source[k] = images.sources().get(pick[k]);
    }
    return Table.of(
        List.<Column>of(
            new NumberColumn("row", rowNumber),
            new TextColumn("source", source),
            new TextColumn("actual", actual),
            new TextColumn("predicted", guess),
            new NumberColumn("confidence", sure)));
  }

  /** Returns up to {@link #PER_CELL} examples of every confusion-matrix cell, mistakes first. */
  static List<Example> examples(
      Dataset data, int[] rows, int[] truth, int[] predicted, double[] confidence, int classes) {
    int[][] taken = new int[classes][classes];
    List<Example> out = new ArrayList<>();
    for (boolean mistakes : new boolean[] {true, false}) {
      for (int i = 0; i < truth.length && out.size() < TOTAL; i++) {
        if ((truth[i] != predicted[i]) != mistakes || taken[truth[i]][predicted[i]]++ >= PER_CELL) {
          continue;
        }
        out.add(example(data, rows[i], truth[i], predicted[i], confidence[i]));
      }
    }
    return out;
  }

  private static Example example(Dataset data, int row, int truth, int predicted, double conf) {
    if (data instanceof Table t) {
      List<String> values = new ArrayList<>();
      for (Column c : t.columns()) {
        values.add(c.name() + " = " + (c.isMissing(row) ? "(missing)" : c.format(row)));
      }
      return new Example(row, truth, predicted, conf, values, "", null);
    }
    ImageSet s = (ImageSet) data;
    String caption = s.sources().get(row);
    return new Example(
        row,
        truth,
        predicted,
        conf,
        List.of(),
        caption,
        thumbnail(caption, s.width(), s.height(), s.channels(), s.image(row)));
  }

  /** Returns the picture shrunk (nearest pixel) so that neither side exceeds {@link #THUMB}. */
  static Picture thumbnail(String caption, int w, int h, int channels, byte[] px) {
    double f = Math.min(1, THUMB / (double) Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * f));
    int th = Math.max(1, (int) Math.round(h * f));
    byte[] out = new byte[channels * tw * th];
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < th; y++) {
        for (int x = 0; x < tw; x++) {
          int sx = Math.min(w - 1, (int) (x / f));
          int sy = Math.min(h - 1, (int) (y / f));
          out[c * tw * th + y * tw + x] = px[c * w * h + sy * w + sx];
        }
      }
    }
    return new Picture(caption, tw, th, channels, out, null);
  }

  private static String fresh(Table t, String name) {
    String n = name;
    for (int k = 2; t.column(n).isPresent(); k++) {
      n = name + " " + k;
    }
    return n;
  }

  /**
   * Returns, for a number-predicting model, the {@code max} examples with the largest errors,
   * largest first, with {@code predicted} and {@code error} columns.
   */
  static Table largestErrors(Table data, int[] rows, double[] truth, double[] predicted, int max) {
    Integer[] order = new Integer[truth.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        (a, b) ->
            Double.compare(Math.abs(predicted[b] - truth[b]), Math.abs(predicted[a] - truth[a])));
    int n = Math.min(max, order.length);
    int[] pick = new int[n];
    double[] guess = new double[n];
    double[] error = new double[n];
    for (int k = 0; k < n; k++) {
      pick[k] = rows[order[k]];
      // six significant digits: for reading, like the confidence column's three decimals
      guess[k] = sixDigits(predicted[order[k]]);
      error[k] = sixDigits(predicted[order[k]] - truth[order[k]]);
    }
    Table kept = data.select(pick);
    String p = fresh(kept, "predicted");
    Table withGuess = kept.withColumn(new NumberColumn(p, guess)).withRole(p, ColumnRole.IGNORE);
    String e = fresh(withGuess, "error");
    return withGuess.withColumn(new NumberColumn(e, error)).withRole(e, ColumnRole.IGNORE);
  }

  static double sixDigits(double v) {
    return Double.isFinite(v) && v != 0
        ? new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue()
        : v;
  }
}
