package dev.blocksmith.engine.onnx;

import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inputs of an exported ONNX model and how raw examples fill them. A table model has one input
 * per feature column, {@code [N, 1]} each: numbers and yes/no columns as float64 (NaN = missing,
 * yes = 1, no = 0), category columns as strings (empty = missing). An image model has one input
 * {@code pixels}: uint8 {@code [N, channels, height, width]}, values 0–255. The file's graph does
 * all scaling and encoding itself, so callers pass values as they are in the data.
 */
public final class OnnxFeeds {
  /**
   * Category texts the graph also reads as missing, besides "" (in lower, upper and title case):
   * the CSV reader's missing-value markers, kept equal to them by a test in the nodes module.
   */
  public static final List<String> MISSING_MARKERS = List.of("na", "n/a", "null", "?", "-", "nan");

  private OnnxFeeds() {}

  /** What kind of values an input takes. */
  public enum Kind {
    /** A number column: float64, NaN when missing. */
    NUMBER,
    /** A yes/no column: float64 1 or 0, NaN when missing. */
    BOOLEAN,
    /** A category column: the cell's text, "" when missing. */
    CATEGORY,
    /** Image pixels: uint8 0–255, channels first. */
    PIXELS
  }

  /**
   * One input of the exported graph.
   *
   * @param name the ONNX input name (the column name with characters other than letters, digits and
   *     _ replaced by _, made unique)
   * @param column the data column it takes, or "pixels" for images
   * @param kind what values it takes
   * @param shape its shape, -1 for the batch dimension
   */
  public record Input(String name, String column, Kind kind, List<Long> shape) {}

  /**
   * One input filled with examples.
   *
   * @param input the input
   * @param data {@code double[]} for numbers and yes/no, {@code String[]} for categories, {@code
   *     byte[]} for pixels, row-major
   * @param rows the number of examples
   */
  public record Feed(Input input, Object data, int rows) {

    /** Returns the shape with the batch dimension filled in. */
    public long[] dims() {
      return input.shape().stream().mapToLong(d -> d < 0 ? rows : d).toArray();
    }
  }

  /** Returns the inputs the exported graph of a model with this preprocessing has, in order. */
  public static List<Input> inputs(Preprocessing pre) {
    if (pre.pictureNetwork() != null) {
      throw new IllegalArgumentException(
          "This model looks at pictures through "
              + pre.pictureNetwork().backbone().name()
              + ", a picture network of its own; ONNX export of such models is not supported yet. "
              + "Use the .bsmodel file with Blocksmith.");
    }
    if (pre.input() == Preprocessing.Input.IMAGES) {
      List<Long> shape = new ArrayList<>(List.of(-1L));
      pre.imageShape().forEach(d -> shape.add((long) d));
      return List.of(new Input("pixels", "pixels", Kind.PIXELS, shape));
    }
    List<Input> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (ColumnStep s : pre.steps()) {
      Kind kind =
          switch (s.op()) {
            case SCALE -> Kind.NUMBER;
            case BOOLEAN -> Kind.BOOLEAN;
            case ONE_HOT, ORDINAL -> Kind.CATEGORY;
            case TEXT_MEANING, TEXT_WORDS, IMAGE_FEATURES ->
                throw new IllegalArgumentException(
                    "Column \""
                        + s.column()
                        + "\" is text turned into numbers by a language model or word counts; "
                        + "ONNX export of text features is not supported yet. Export a model trained on "
                        + "numbers, categories or pictures, or use the .bsmodel file with Blocksmith.");
          };
      out.add(new Input(inputName(s.column(), taken), s.column(), kind, List.of(-1L, 1L)));
    }
    return out;
  }

  private static String inputName(String column, Set<String> taken) {
    String base = column.replaceAll("[^A-Za-z0-9_]", "_");
    if (base.isEmpty() || Character.isDigit(base.charAt(0))) {
      base = "_" + base;
    }
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  /**
   * Returns the inputs filled with the raw examples of {@code data}, as a caller of the ONNX file
   * would fill them from the same data.
   *
   * @throws IllegalArgumentException when the data lacks a column or has the wrong kind
   */
  public static List<Feed> of(Preprocessing pre, Dataset data) {
    List<Feed> out = new ArrayList<>();
    if (pre.input() == Preprocessing.Input.IMAGES) {
      if (!(data instanceof ImageSet images)) {
        throw new IllegalArgumentException("This model was trained on images but got a table.");
      }
      Input in = inputs(pre).get(0);
      int size = pre.imageShape().stream().reduce(1, (a, b) -> a * b);
      byte[] pixels = new byte[images.size() * size];
      for (int i = 0; i < images.size(); i++) {
        byte[] one = images.image(i);
        if (one.length != size) {
          throw new IllegalArgumentException("The images have another size than the model's.");
        }
        System.arraycopy(one, 0, pixels, i * size, size);
      }
      out.add(new Feed(in, pixels, images.size()));
      return out;
    }
    if (!(data instanceof Table table)) {
      throw new IllegalArgumentException("This model was trained on a table but got images.");
    }
    int rows = table.rowCount();
    for (Input in : inputs(pre)) {
      Column c =
          table
              .column(in.column())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "The data has no column \""
                              + in.column()
                              + "\", which the model was trained with."));
      out.add(new Feed(in, values(in.kind(), c, rows), rows));
    }
    return out;
  }

  private static Object values(Kind kind, Column c, int rows) {
    if (kind == Kind.CATEGORY) {
      String[] s = new String[rows];
      for (int r = 0; r < rows; r++) {
        s[r] = c.isMissing(r) ? "" : c.format(r);
      }
      return s;
    }
    double[] v = new double[rows];
    for (int r = 0; r < rows; r++) {
      if (kind == Kind.NUMBER) {
        v[r] = c instanceof NumberColumn n && !n.isMissing(r) ? n.get(r) : Double.NaN;
      } else {
        int b = c instanceof BooleanColumn bc ? bc.get(r) : -1;
        v[r] = b < 0 ? Double.NaN : b;
      }
    }
    return v;
  }
}
