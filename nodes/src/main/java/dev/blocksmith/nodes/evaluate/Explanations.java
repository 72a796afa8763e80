package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Finding.Level;
import dev.blocksmith.engine.value.Picture;
import dev.blocksmith.engine.value.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Builds the reports of {@link Explain}: column importance for tables, saliency for pictures. */
final class Explanations {
  private Explanations() {}

  /** Returns at most {@code max} examples, a random choice when there are more. */
  static Encoded sample(Encoded e, int max, long seed) {
    if (e.rows() <= max) {
      return e;
    }
    int[] order = new int[e.rows()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = 0; i < max; i++) {
      int j = i + random.nextInt(order.length - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int size = e.exampleSize();
    float[] x = new float[max * size];
    float[] y = new float[max];
    for (int i = 0; i < max; i++) {
      System.arraycopy(e.features(), order[i] * size, x, i * size, size);
      y[i] = e.labels()[order[i]];
    }
    return new Encoded(x, y, max, e.exampleShape());
  }

  /** Returns the permutation importance of each column as a report with a chart. */
  static Report columns(TrainedModel model, Encoded e, int repeats, long seed, NodeContext ctx)
      throws NodeException, IncompatibleModelException {
    Preprocessing pre = model.preprocessing();
    boolean classes = pre.task() != ArchSpec.Task.REGRESSION;
    String metric = classes ? "accuracy" : "R²";
    double unit = classes ? 100 : 1;
    String units = classes ? "points" : "";
    double base = Importance.baseline(model, e, ctx);
    List<Importance.Result> results = Importance.of(model, e, repeats, seed, ctx);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(metric + " before shuffling", base);
    List<String> names = new ArrayList<>();
    double[] drops = new double[results.size()];
    double[] spreads = new double[results.size()];
    for (int i = 0; i < results.size(); i++) {
      Importance.Result r = results.get(i);
      names.add(r.column());
      drops[i] = r.drop() * unit;
      spreads[i] = r.spread() * unit;
      metrics.put("importance of " + r.column(), r.drop());
    }
    List<Finding> findings = new ArrayList<>();
    if (!results.isEmpty()) {
      Importance.Result top = results.get(0);
      findings.add(
          new Finding(
              Level.INFO,
              "What the model leans on",
              String.format(
                  Locale.ROOT,
                  "Shuffling %s drops %s by %s%s: the model leans on it " + "most.",
                  top.column(),
                  metric,
                  amount(top.drop() * unit, classes),
                  spreadText(top.spread() * unit, classes)),
              results.size() > 1
                  ? String.format(
                      Locale.ROOT,
                      "Next: %s (%s).",
                      results.get(1).column(),
                      amount(results.get(1).drop() * unit, classes))
                  : "It is the only column."));
      List<String> unused =
          results.stream()
              .filter(
                  r ->
                      Math.abs(r.drop()) * unit < (classes ? 0.5 : 0.005) && r.drop() <= r.spread())
              .map(Importance.Result::column)
              .toList();
      if (!unused.isEmpty() && unused.size() < results.size()) {
        findings.add(
            new Finding(
                Level.INFO,
                "Columns the model ignores",
                "Shuffling "
                    + String.join(", ", unused)
                    + " changes nothing: the model does not "
                    + "use "
                    + (unused.size() == 1 ? "it." : "them."),
                "You could leave "
                    + (unused.size() == 1 ? "it" : "them")
                    + " out for a simpler "
                    + "model, unless you expect "
                    + (unused.size() == 1 ? "it" : "them")
                    + " to matter on other data."));
      }
    }
    Chart chart =
        Chart.bars(
            "Which columns the model leans on",
            "Each bar is how much the "
                + metric
                + " drops when that column's values are shuffled "
                + "between rows"
                + (classes ? ", in percentage points" : "")
                + ". Longer bars "
                + "mean the model relies on the column more; the thin line is the spread over "
                + repeats
                + " shuffles.",
            "column",
            metric + " drop" + (units.isEmpty() ? "" : " (" + units + ")"),
            names,
            new Chart.Series("drop", null, drops, spreads));
    String title = String.format(Locale.ROOT, "Column importance on %,d examples", e.rows());
    return new Report(
            title,
            "explanation",
            metrics,
            List.of(),
            null,
            List.of(),
            List.of(),
            findings,
            List.of())
        .with(List.of(chart), List.of(), null);
  }

  /** Returns saliency maps over example pictures, one class after another. */
  static Report pictures(TrainedModel model, Encoded e, int count, int patch, NodeContext ctx)
      throws NodeException, IncompatibleModelException {
    Preprocessing pre = model.preprocessing();
    List<String> classNames = pre.classNames();
    float[] out = Inference.outputs(model, e, ctx, 256);
    int[] predicted = Inference.argMax(out, classNames.size());
    float[] fill = Occlusion.averageColour(e);
    List<Integer> rows = pick(e, classNames.size(), count);
    List<Integer> shape = e.exampleShape();
    int channels = shape.get(0);
    int height = shape.get(1);
    int width = shape.get(2);
    int size = e.exampleSize();
    List<Picture> pictures = new ArrayList<>();
    for (int k = 0; k < rows.size(); k++) {
      int row = rows.get(k);
      double[] heat = Occlusion.map(model, e, row, fill, patch, ctx);
      byte[] pixels = new byte[size];
      for (int i = 0; i < size; i++) {
        float v = e.features()[row * size + i];
        pixels[i] = (byte) Math.round(Math.max(0, Math.min(1, v)) * 255);
      }
      String caption =
          "true "
              + classNames.get((int) e.labels()[row])
              + ", predicted "
              + classNames.get(predicted[row]);
      pictures.add(new Picture(caption, width, height, channels, pixels, heat));
      ctx.progress((k + 1.0) / rows.size(), "map " + (k + 1) + " of " + rows.size());
    }
    Chart chart =
        new Chart(
            Chart.Kind.PICTURES,
            "Where the model looks",
            "Red marks the parts of each picture that matter most: covering them with a grey "
                + "square makes the model less sure of the right answer. If the red lies on the "
                + "background instead of the object, the model learned a shortcut.",
            "",
            "",
            List.of(),
            List.of(),
            null,
            pictures);
    List<Finding> findings =
        List.of(
            new Finding(
                Level.INFO,
                "Where the model looks",
                String.format(
                    Locale.ROOT,
                    "Saliency maps for %d pictures, made by covering each with "
                        + "a %d-pixel grey square in turn.",
                    pictures.size(),
                    patch),
                "Check that the red falls on the object itself, not on the background or a corner."));
    String title = String.format(Locale.ROOT, "Saliency on %d pictures", pictures.size());
    return new Report(
            title,
            "explanation",
            Map.of(),
            List.of(),
            null,
            List.of(),
            List.of(),
            findings,
            List.of())
        .with(List.of(chart), List.of(), null);
  }

  /** Returns up to {@code count} example rows, taking one class after another. */
  private static List<Integer> pick(Encoded e, int classes, int count) {
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int r = 0; r < e.rows(); r++) {
      byClass.get((int) e.labels()[r]).add(r);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; out.size() < Math.min(count, e.rows()); i++) {
      for (List<Integer> rows : byClass) {
        if (i < rows.size() && out.size() < count) {
          out.add(rows.get(i));
        }
      }
    }
    return out;
  }

  private static String amount(double v, boolean points) {
    return points
        ? String.format(Locale.ROOT, "%.0f points", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String spreadText(double s, boolean points) {
    return s <= 0
        ? ""
        : points
            ? String.format(Locale.ROOT, " (± %.1f)", s)
            : String.format(Locale.ROOT, " (± %.3f)", s);
  }
}
