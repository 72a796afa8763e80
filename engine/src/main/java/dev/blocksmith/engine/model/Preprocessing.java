package dev.blocksmith.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.blocksmith.engine.embed.Backbone;
import dev.blocksmith.engine.embed.ImageBackbones;
import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * How raw examples become the numbers a network sees, <em>fitted</em> on a training part (means,
 * ranges, category lists, class names) by {@link Featurizer}. Stored in the model, so prediction on
 * raw rows repeats exactly the same steps. Immutable and saved as JSON.
 *
 * @param version format version ({@link #CURRENT_VERSION})
 * @param input whether examples are table rows or images
 * @param steps for tables, one step per feature column in order (empty for images)
 * @param imageShape for images, {@code [channels, height, width]} (empty for tables)
 * @param labelColumn for tables, the column holding the answer (null for images)
 * @param task what is predicted
 * @param classNames the classes in output order (empty for regression)
 * @param ignoredColumns feature columns that were left out (text), for the log and the report
 * @param labelCenter for regression, subtracted from the target (its training mean), else 0
 * @param labelScale for regression, the target is divided by it (its training spread), else 1
 */
public record Preprocessing(
    int version,
    Input input,
    List<ColumnStep> steps,
    List<Integer> imageShape,
    String labelColumn,
    ArchSpec.Task task,
    List<String> classNames,
    List<String> ignoredColumns,
    double labelCenter,
    double labelScale) {

  /**
   * The newest version this build reads and writes: 4 when a gap is filled from the other columns
   * ({@link Imputation}), 3 when a picture network is used, 2 when text columns are used, 1
   * otherwise (as before), so older builds refuse only what they cannot run.
   */
  public static final int CURRENT_VERSION = 4;

  /** The version of files with text steps. */
  public static final int TEXT_VERSION = 2;

  /** The version of files with a picture network of one's own. */
  public static final int PICTURE_VERSION = 3;

  /** The version of files where a number column's gaps are filled from the other columns. */
  public static final int IMPUTATION_VERSION = 4;

  /** Encoded rows are written in blocks of about this many bytes (a share of a core's L2 cache). */
  private static final int ROW_BLOCK_BYTES = 256 * 1024;

  /** The kind of example. */
  public enum Input {
    /** Rows of a table. */
    TABLE,
    /** Pictures of one size. */
    IMAGES
  }

  /** How one column becomes numbers. */
  public enum Op {
    /**
     * A number: missing → {@code fill} (or, with an {@code imputation}, the value it predicts from
     * the other columns), then {@code (x - center) / scale}.
     */
    SCALE,
    /** A category: one 0/1 slot per level, plus an "other" slot when {@code other} is set. */
    ONE_HOT,
    /** A category: its index in {@code levels}; unknown or missing → {@code levels.size()}. */
    ORDINAL,
    /** Yes/no: 1 or 0; missing → {@code fill} (the training share of yes). */
    BOOLEAN,
    /** Text: the {@code backbone} sentence model's vector (zeros when missing). */
    TEXT_MEANING,
    /** Text: TF-IDF over the training vocabulary {@code levels} with weights {@code weights}. */
    TEXT_WORDS,
    /** Pictures: the {@code backbone} picture network's numbers (a frozen feature extractor). */
    IMAGE_FEATURES
  }

  /**
   * The fitted transformation of one feature column.
   *
   * @param column the column's name
   * @param op what is done
   * @param fill value used for a missing number or boolean (the training mean)
   * @param center subtracted from numbers (training mean, or minimum for min-max)
   * @param scale numbers are divided by it (training standard deviation, or range)
   * @param levels training categories for {@link Op#ONE_HOT} and {@link Op#ORDINAL}
   * @param other whether a one-hot column has a slot for rarer or unseen values
   * @param weights for {@link Op#TEXT_WORDS}, each word's IDF weight (empty otherwise)
   * @param backbone for {@link Op#TEXT_MEANING}, the pretrained model that makes the numbers
   * @param imputation for {@link Op#SCALE}, how a gap is predicted from the other columns; null
   *     when gaps get {@code fill} (left out of the file then, so such files keep their bytes)
   */
  public record ColumnStep(
      String column,
      Op op,
      double fill,
      double center,
      double scale,
      List<String> levels,
      boolean other,
      List<Double> weights,
      Backbone backbone,
      @JsonInclude(JsonInclude.Include.NON_NULL) Imputation imputation) {

    /** Copies the lists. */
    public ColumnStep {
      levels = levels == null ? List.of() : List.copyOf(levels);
      weights = weights == null ? List.of() : List.copyOf(weights);
    }

    /** Creates a step whose gaps (if it is a number) get {@code fill}. */
    public ColumnStep(
        String column,
        Op op,
        double fill,
        double center,
        double scale,
        List<String> levels,
        boolean other,
        List<Double> weights,
        Backbone backbone) {
      this(column, op, fill, center, scale, levels, other, weights, backbone, null);
    }

    /** Creates a step for a number, category or yes/no column. */
    public ColumnStep(
        String column,
        Op op,
        double fill,
        double center,
        double scale,
        List<String> levels,
        boolean other) {
      this(column, op, fill, center, scale, levels, other, List.of(), null, null);
    }

    /** Returns this step with gaps filled by {@code how} (null: by {@code fill}). */
    public ColumnStep withImputation(Imputation how) {
      return new ColumnStep(column, op, fill, center, scale, levels, other, weights, backbone, how);
    }

    /** Returns how many numbers this column becomes. */
    public int width() {
      return switch (op) {
        case ONE_HOT -> levels.size() + (other ? 1 : 0);
        case TEXT_WORDS -> levels.size();
        case TEXT_MEANING, IMAGE_FEATURES -> backbone == null ? 0 : backbone.dimensions();
        default -> 1;
      };
    }
  }

  /**
   * How a number column's gap is predicted from the other columns (a ridge regression fitted on the
   * training part by {@link Featurizer}): {@code bias + Σ weights × features}, where the features
   * are the encoded numbers of the {@code from} columns in order ({@link ColumnStep#width} each,
   * their own gaps filled with {@code fill}), then kept within {@code [min, max]} (NaN: {@code
   * fill}). The result is in the column's own units and is then scaled like any value of it.
   *
   * @param from the columns it reads, in any order (Blocksmith writes the most influential first)
   * @param weights one per encoded feature of the {@code from} columns, in order
   * @param bias the constant term, in the column's units
   * @param min the smallest value of the column in the training part
   * @param max the largest value of the column in the training part
   */
  public record Imputation(
      List<String> from, List<Double> weights, double bias, double min, double max) {

    /** Copies the lists. */
    public Imputation {
      from = from == null ? List.of() : List.copyOf(from);
      weights = weights == null ? List.of() : List.copyOf(weights);
    }
  }

  /** Copies the lists. */
  public Preprocessing {
    steps = steps == null ? List.of() : List.copyOf(steps);
    imageShape = imageShape == null ? List.of() : List.copyOf(imageShape);
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
    ignoredColumns = ignoredColumns == null ? List.of() : List.copyOf(ignoredColumns);
    if (version > CURRENT_VERSION) {
      throw new IllegalArgumentException("This model was saved by a newer Blocksmith.");
    }
  }

  /** Returns this preprocessing with other steps, written as {@code newVersion}. */
  public Preprocessing withSteps(int newVersion, List<ColumnStep> newSteps) {
    return new Preprocessing(
        newVersion,
        input,
        newSteps,
        imageShape,
        labelColumn,
        task,
        classNames,
        ignoredColumns,
        labelCenter,
        labelScale);
  }

  /** Returns the shape of one encoded example: {@code [features]} or {@code [C, H, W]}. */
  public List<Integer> exampleShape() {
    if (input == Input.IMAGES) {
      return pictureNetwork() == null ? imageShape : List.of(pictureNetwork().width());
    }
    return List.of(steps.stream().mapToInt(ColumnStep::width).sum());
  }

  /** Returns whether some number column's gaps are filled from the other columns. */
  public boolean fillsFromOthers() {
    return steps.stream().anyMatch(s -> s.imputation() != null);
  }

  /** Returns the step that runs a picture network over images, or null when there is none. */
  public ColumnStep pictureNetwork() {
    for (ColumnStep s : steps) {
      if (s.op() == Op.IMAGE_FEATURES) {
        return s;
      }
    }
    return null;
  }

  /** Returns the number of model outputs: classes, or 1 for regression. */
  public int outputs() {
    return task == ArchSpec.Task.REGRESSION ? 1 : classNames.size();
  }

  /** Returns a model output turned back into the target's units (identity for classes). */
  public double rawLabel(double encoded) {
    return task == ArchSpec.Task.REGRESSION ? encoded * labelScale + labelCenter : encoded;
  }

  /** Returns the pretrained models the preprocessing runs (empty when none). */
  public List<Backbone> backbones() {
    return steps.stream().map(ColumnStep::backbone).filter(b -> b != null).distinct().toList();
  }

  /** Returns a name per encoded feature, such as "age" or "colour=red" (tables only). */
  public List<String> featureNames() {
    List<String> out = new ArrayList<>();
    for (ColumnStep s : steps) {
      if (s.op() == Op.TEXT_WORDS) {
        s.levels().forEach(w -> out.add(s.column() + ":" + w));
      } else if (s.op() == Op.TEXT_MEANING) {
        for (int i = 0; i < s.width(); i++) {
          out.add(s.column() + "#" + i);
        }
      } else if (s.op() == Op.ONE_HOT) {
        s.levels().forEach(l -> out.add(s.column() + "=" + l));
        if (s.other()) {
          out.add(s.column() + "=other");
        }
      } else {
        out.add(s.column());
      }
    }
    return out;
  }

  /**
   * Returns the examples encoded as the network sees them, with their labels when the data has
   * them.
   *
   * @throws IllegalArgumentException in plain words, when the data does not fit (a column is
   *     missing, images have another size)
   */
  public Encoded transform(Dataset data) {
    return input == Input.IMAGES ? transformImages(data) : transformTable(data);
  }

  private Encoded transformImages(Dataset data) {
    if (!(data instanceof ImageSet images)) {
      throw new IllegalArgumentException("This model was trained on images but got a table.");
    }
    List<Integer> shape = List.of(images.channels(), images.height(), images.width());
    ColumnStep network = pictureNetwork();
    if (network == null && !shape.equals(imageShape)) {
      throw new IllegalArgumentException(
          "This model was trained on images of "
              + describeShape(imageShape)
              + " but got "
              + describeShape(shape)
              + ".");
    }
    float[] labels = new float[images.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = classNames.indexOf(images.stratumOf(i));
      labels[i] = labels[i] < 0 ? Float.NaN : labels[i];
    }
    if (network != null) {
      return new Encoded(
          ImageBackbones.features(network.backbone(), images),
          labels,
          images.size(),
          exampleShape());
    }
    return new Encoded(images.toFloats(), labels, images.size(), imageShape);
  }

  private Encoded transformTable(Dataset data) {
    if (!(data instanceof Table table)) {
      throw new IllegalArgumentException("This model was trained on a table but got images.");
    }
    int rows = table.rowCount();
    int width = exampleShape().get(0);
    float[] x = new float[rows * width];
    Column[] columns = new Column[steps.size()];
    int[] offsets = new int[steps.size()];
    int offset = 0;
    for (int i = 0; i < columns.length; i++) {
      ColumnStep s = steps.get(i);
      columns[i] =
          table
              .column(s.column())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "The data has no column \""
                              + s.column()
                              + "\", which the model was trained with."));
      offsets[i] = offset;
      offset += s.width();
      if (s.op() == Op.TEXT_MEANING || s.op() == Op.TEXT_WORDS) {
        TextSteps.encode(s, columns[i], x, width, offsets[i]);
      }
    }
    // The rows are written a block at a time, every column of the block before the next block:
    // column by column over all rows, each value written landed on a different cache line of the
    // whole (often larger than cache) array, and encoding 7,000 rows x 784 columns cost 16x the
    // memory traffic of writing it in order (BENCHMARKS.md, issue 15). Same values, same order of
    // arithmetic.
    int block = Math.max(1, ROW_BLOCK_BYTES / Math.max(1, width * Float.BYTES));
    for (int from = 0; from < rows; from += block) {
      int to = Math.min(rows, from + block);
      for (int i = 0; i < columns.length; i++) {
        ColumnStep s = steps.get(i);
        Column c = columns[i];
        if (s.op() == Op.TEXT_MEANING || s.op() == Op.TEXT_WORDS) {
          continue;
        } else if (s.op() == Op.SCALE && c instanceof NumberColumn n) {
          scale(n, s.fill(), s.center(), s.scale(), from, to, x, width, offsets[i]);
        } else {
          for (int r = from; r < to; r++) {
            encode(s, c, r, x, r * width + offsets[i]);
          }
        }
      }
    }
    Imputer.apply(steps, table, x, width);
    float[] y = new float[rows];
    Column label = labelColumn == null ? null : table.column(labelColumn).orElse(null);
    for (int r = 0; r < rows; r++) {
      y[r] = label == null || label.isMissing(r) ? Float.NaN : labelValue(label, r);
    }
    return new Encoded(x, y, rows, exampleShape());
  }

  private float labelValue(Column label, int row) {
    if (task == ArchSpec.Task.REGRESSION) {
      return label instanceof NumberColumn n
          ? (float) ((n.get(row) - labelCenter) / labelScale)
          : Float.NaN;
    }
    int index = classNames.indexOf(label.format(row));
    return index < 0 ? Float.NaN : index;
  }

  /**
   * Writes rows {@code from} to {@code to} (exclusive) of a scaled number column, exactly as {@link
   * #encode} does for {@code SCALE}: the common case, in a loop small enough that the JIT compiles
   * it early and cheaply (compiling the general loop cost ≈ 150 ms of compiler time in the run
   * after the first, BENCHMARKS.md).
   */
  private static void scale(
      NumberColumn n,
      double fill,
      double center,
      double scale,
      int from,
      int to,
      float[] x,
      int width,
      int offset) {
    for (int r = from, at = from * width + offset; r < to; r++, at += width) {
      double v = n.get(r);
      x[at] = (float) (((Double.isNaN(v) ? fill : v) - center) / scale);
    }
  }

  /** Writes row {@code r} of column {@code c} as step {@code s} encodes it (gaps: {@code fill}). */
  static void encode(ColumnStep s, Column c, int r, float[] x, int at) {
    switch (s.op()) {
      case SCALE -> {
        double v = c instanceof NumberColumn n && !n.isMissing(r) ? n.get(r) : s.fill();
        x[at] = (float) ((v - s.center()) / s.scale());
      }
      case BOOLEAN -> {
        int b = c instanceof BooleanColumn bc ? bc.get(r) : -1;
        x[at] = b < 0 ? (float) s.fill() : b;
      }
      case ORDINAL -> {
        int i = c.isMissing(r) ? -1 : s.levels().indexOf(c.format(r));
        x[at] = i < 0 ? s.levels().size() : i;
      }
      case ONE_HOT -> {
        if (c.isMissing(r)) {
          return;
        }
        int i = s.levels().indexOf(c.format(r));
        if (i >= 0) {
          x[at + i] = 1;
        } else if (s.other()) {
          x[at + s.levels().size()] = 1;
        }
      }
      default -> throw new IllegalStateException(s.op().name());
    }
  }

  private static String describeShape(List<Integer> chw) {
    return chw.get(2) + "×" + chw.get(1) + " pixels with " + chw.get(0) + " channel(s)";
  }

  /**
   * Encoded examples, row-major, ready to become one resident NDArray.
   *
   * @param features all examples, each {@code exampleShape} values, concatenated
   * @param labels per example: class index, or the target scaled by {@code labelCenter/labelScale};
   *     NaN when missing or an unknown class
   * @param rows number of examples
   * @param exampleShape shape of one example
   */
  public record Encoded(float[] features, float[] labels, int rows, List<Integer> exampleShape) {

    /** Returns the number of values in one example. */
    public int exampleSize() {
      return exampleShape.stream().reduce(1, (a, b) -> a * b);
    }

    /** Returns how many examples have no usable label. */
    public int unlabelled() {
      int n = 0;
      for (float l : labels) {
        if (Float.isNaN(l)) {
          n++;
        }
      }
      return n;
    }

    /** Returns only the examples that have a usable label. */
    public Encoded labelledOnly() {
      int keep = rows - unlabelled();
      if (keep == rows) {
        return this;
      }
      int size = exampleSize();
      float[] x = new float[keep * size];
      float[] y = new float[keep];
      int k = 0;
      for (int r = 0; r < rows; r++) {
        if (!Float.isNaN(labels[r])) {
          System.arraycopy(features, r * size, x, k * size, size);
          y[k++] = labels[r];
        }
      }
      return new Encoded(x, y, keep, exampleShape);
    }

    /** Returns a short stable fingerprint of the features and labels (16 hex digits). */
    public String fingerprint() {
      try {
        // the same digest as over all the bytes at once, fed in 64 KB pieces (no copy of it all)
        var md = java.security.MessageDigest.getInstance("SHA-256");
        var buf = java.nio.ByteBuffer.allocate(1 << 16);
        var floats = buf.asFloatBuffer();
        for (float[] part : new float[][] {features, labels}) {
          for (int from = 0; from < part.length; from += floats.capacity()) {
            int len = Math.min(floats.capacity(), part.length - from);
            floats.clear();
            floats.put(part, from, len);
            md.update(buf.array(), 0, 4 * len);
          }
        }
        return java.util.HexFormat.of().formatHex(md.digest(), 0, 8);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
