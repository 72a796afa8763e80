package dev.blocksmith.nodes.report;

import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Picture;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * Draws a report's {@link Chart} with XChart (bars, lines, scatter, heat maps) or, for pictures
 * with saliency maps, as a grid of pictures with the map in red over them. Used by the editor (as
 * Swing panels) and the HTML report (as PNG images).
 */
public final class ChartImages {
  /** Side of one picture in a picture grid, in pixels. */
  public static final int PICTURE = 112;

  private ChartImages() {}

  /** Returns the XChart chart for a chart of any kind but {@link Chart.Kind#PICTURES}. */
  public static org.knowm.xchart.internal.chartpart.Chart<?, ?> xchart(
      Chart c, int width, int height) {
    return switch (c.kind()) {
      case BAR -> bars(c, width, height);
      case HEATMAP -> heatmap(c, width, height);
      case LINE, SCATTER -> xy(c, width, height);
      case PICTURES -> throw new IllegalArgumentException("pictures are drawn by pictures()");
    };
  }

  /** Returns the chart drawn as an image (pictures as a grid). */
  public static BufferedImage image(Chart c, int width, int height) {
    if (c.kind() == Chart.Kind.PICTURES) {
      return pictures(c.pictures(), Math.max(1, width / (PICTURE + 8)));
    }
    return BitmapEncoder.getBufferedImage(xchart(c, width, height));
  }

  private static CategoryChart bars(Chart c, int width, int height) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(width)
            .height(height)
            .title(c.title())
            .xAxisTitle(c.xLabel())
            .yAxisTitle(c.yLabel())
            .build();
    chart.getStyler().setLegendVisible(c.series().size() > 1);
    chart.getStyler().setXAxisLabelRotation(c.categories().size() > 6 ? 45 : 0);
    chart.getStyler().setChartTitleVisible(false);
    List<String> names =
        c.categories().isEmpty() ? numbers(c.series().get(0).y().length) : c.categories();
    for (Chart.Series s : c.series()) {
      List<Double> y = boxed(s.y());
      if (s.error().length > 0) {
        chart.addSeries(s.name(), names, y, boxed(s.error()));
      } else {
        chart.addSeries(s.name(), names, y);
      }
    }
    return chart;
  }

  private static XYChart xy(Chart c, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(c.title())
            .xAxisTitle(c.xLabel())
            .yAxisTitle(c.yLabel())
            .build();
    chart.getStyler().setChartTitleVisible(false);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    if (c.kind() == Chart.Kind.SCATTER) {
      chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      chart.getStyler().setMarkerSize(5);
    } else {
      chart.getStyler().setMarkerSize(0);
    }
    for (Chart.Series s : c.series()) {
      double[] x = s.x().length > 0 ? s.x() : indexes(s.y().length);
      if (x.length == 0) {
        continue;
      }
      chart.addSeries(s.name(), x, s.y());
    }
    return chart;
  }

  private static HeatMapChart heatmap(Chart c, int width, int height) {
    HeatMapChart chart =
        new HeatMapChartBuilder().width(width).height(height).title(c.title()).build();
    chart.getStyler().setChartTitleVisible(false);
    chart.getStyler().setShowValue(c.categories().size() <= 12);
    chart
        .getStyler()
        .setRangeColors(new Color[] {new Color(0x2166ac), Color.WHITE, new Color(0xb2182b)});
    chart.getStyler().setMin(-1);
    chart.getStyler().setMax(1);
    List<Number[]> cells = new ArrayList<>();
    double[][] m = c.cells();
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        cells.add(new Number[] {j, m.length - 1 - i, Math.round(m[i][j] * 100) / 100.0});
      }
    }
    List<String> reversed = new ArrayList<>(c.categories());
    java.util.Collections.reverse(reversed);
    chart.addSeries(c.title(), c.categories(), reversed, cells);
    return chart;
  }

  /** Returns the pictures in a grid, each with its heat map in red over it and its caption. */
  public static BufferedImage pictures(List<Picture> pictures, int perRow) {
    int cols = Math.max(1, Math.min(perRow, pictures.size()));
    int rows = (pictures.size() + cols - 1) / cols;
    int cell = PICTURE + 8;
    int captionHeight = 16;
    BufferedImage img =
        new BufferedImage(
            cols * cell, Math.max(1, rows * (cell + captionHeight)), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int k = 0; k < pictures.size(); k++) {
      int x0 = (k % cols) * cell + 4;
      int y0 = (k / cols) * (cell + captionHeight) + 4;
      g.drawImage(overlay(pictures.get(k)), x0, y0, PICTURE, PICTURE, null);
      g.setColor(Color.DARK_GRAY);
      g.drawString(shorten(pictures.get(k).caption(), 20), x0, y0 + PICTURE + 13);
    }
    g.dispose();
    return img;
  }

  /** Returns one picture in its own size, its heat map blended over it in red. */
  public static BufferedImage overlay(Picture p) {
    BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_RGB);
    int plane = p.width() * p.height();
    for (int y = 0; y < p.height(); y++) {
      for (int x = 0; x < p.width(); x++) {
        int at = y * p.width() + x;
        int r;
        int gr;
        int b;
        if (p.channels() >= 3) {
          r = p.pixels()[at] & 0xff;
          gr = p.pixels()[plane + at] & 0xff;
          b = p.pixels()[2 * plane + at] & 0xff;
        } else {
          r = p.pixels()[at] & 0xff;
          gr = r;
          b = r;
        }
        if (p.heat().length > 0) {
          double h = Math.max(0, Math.min(1, p.heat()[at])) * 0.75;
          r = (int) Math.round(r * (1 - h) + 255 * h);
          gr = (int) Math.round(gr * (1 - h));
          b = (int) Math.round(b * (1 - h));
        }
        img.setRGB(x, y, r << 16 | gr << 8 | b);
      }
    }
    return img;
  }

  private static List<Double> boxed(double[] v) {
    List<Double> out = new ArrayList<>();
    for (double d : v) {
      out.add(Double.isFinite(d) ? d : 0);
    }
    return out;
  }

  private static List<String> numbers(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }

  private static double[] indexes(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
    }
    return x;
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
