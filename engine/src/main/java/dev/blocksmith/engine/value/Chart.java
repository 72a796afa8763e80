package dev.blocksmith.engine.value;

import java.util.List;

/**
 * A chart inside a report, described as data so that the editor (XChart), the CLI (text) and the
 * HTML report each draw it their own way.
 *
 * @param kind how to draw it
 * @param title a few words ("Which columns the model leans on")
 * @param help one or two plain sentences on how to read it
 * @param xLabel the horizontal axis
 * @param yLabel the vertical axis
 * @param categories for bars and heat maps, the names along the axis (bars: one per value)
 * @param series the plotted values
 * @param cells for heat maps, rows × columns values (rows and columns named by categories)
 * @param pictures for {@link Kind#PICTURES}, the pictures with their maps
 */
public record Chart(
    Kind kind,
    String title,
    String help,
    String xLabel,
    String yLabel,
    List<String> categories,
    List<Series> series,
    double[][] cells,
    List<Picture> pictures) {

  /** How a chart is drawn. */
  public enum Kind {
    /** One bar per category, optionally with an error bar. */
    BAR,
    /** Lines through points, such as a ROC curve. */
    LINE,
    /** Points, one series per colour. */
    SCATTER,
    /** A grid of coloured cells, such as a correlation matrix. */
    HEATMAP,
    /** Pictures with a heat map drawn over them. */
    PICTURES
  }

  /**
   * One named set of points or bars.
   *
   * @param name the legend entry
   * @param x horizontal positions (empty for bars: the categories are the positions)
   * @param y values
   * @param error spread of each value (one standard deviation), or empty
   */
  public record Series(String name, double[] x, double[] y, double[] error) {

    /** Checks the lengths and copies the arrays. */
    public Series {
      x = x == null ? new double[0] : x.clone();
      y = y.clone();
      error = error == null ? new double[0] : error.clone();
      if (x.length != 0 && x.length != y.length || error.length != 0 && error.length != y.length) {
        throw new IllegalArgumentException("series '" + name + "' has arrays of different lengths");
      }
    }
  }

  /** Copies the lists. */
  public Chart {
    categories = categories == null ? List.of() : List.copyOf(categories);
    series = series == null ? List.of() : List.copyOf(series);
    cells = cells == null ? new double[0][] : cells;
    pictures = pictures == null ? List.of() : List.copyOf(pictures);
    if (help == null || help.isBlank()) {
      throw new IllegalArgumentException("chart '" + title + "' needs a help text");
    }
  }

  /** Returns a bar chart. */
  public static Chart bars(
      String title,
      String help,
      String xLabel,
      String yLabel,
      List<String> categories,
      Series values) {
    return new Chart(
        Kind.BAR, title, help, xLabel, yLabel, categories, List.of(values), null, null);
  }

  /** Returns a line chart. */
  public static Chart lines(
      String title, String help, String xLabel, String yLabel, List<Series> series) {
    return new Chart(Kind.LINE, title, help, xLabel, yLabel, null, series, null, null);
  }
}
