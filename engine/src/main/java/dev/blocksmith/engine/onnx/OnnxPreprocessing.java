package dev.blocksmith.engine.onnx;

import static dev.blocksmith.engine.onnx.OnnxGraph.i;
import static dev.blocksmith.engine.onnx.OnnxGraph.ints;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.model.Preprocessing.Op;
import dev.blocksmith.engine.onnx.OnnxFeeds.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a model's fitted {@link Preprocessing} as ONNX nodes, so that the exported file takes raw
 * values and computes exactly what {@link Preprocessing#transform} computes: numbers as {@code (x -
 * center) / scale} in float64 then float32 (NaN → the training mean, or the value predicted from
 * the other columns when the model fills gaps that way), yes/no as 1/0 (NaN → the training share of
 * yes), categories through an {@code ai.onnx.ml} LabelEncoder into one-hot slots or an ordinal
 * index, and pixels as {@code value / 255}.
 */
final class OnnxPreprocessing {
  private static final long FLOAT = DataType.FLOAT.getNumber();
  private static final long DOUBLE = DataType.DOUBLE.getNumber();

  private OnnxPreprocessing() {}

  /** Adds the inputs and the nodes; returns the name of the float32 features the network reads. */
  static String add(OnnxGraph g, Preprocessing pre) {
    List<Input> inputs = OnnxFeeds.inputs(pre);
    if (pre.input() == Preprocessing.Input.IMAGES) {
      Input in = inputs.get(0);
      g.input(
          in.name(),
          DataType.UINT8,
          "Pixels 0–255, channels first ([N, channels, height, "
              + "width]); the graph divides by 255.",
          dims(in));
      String f = g.op("Cast", List.of(in.name()), i("to", FLOAT));
      return g.op("Div", List.of(f, g.floats(g.fresh("c/255"), new float[] {255f})));
    }
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      Input in = inputs.get(k);
      ColumnStep s = pre.steps().get(k);
      parts.add(
          switch (s.op()) {
            case SCALE -> {
              g.input(
                  in.name(),
                  DataType.DOUBLE,
                  "Column \"" + s.column() + "\": numbers as float64, " + "NaN when missing.",
                  dims(in));
              yield number(g, in.name(), s);
            }
            case BOOLEAN -> {
              g.input(
                  in.name(),
                  DataType.DOUBLE,
                  "Column \"" + s.column() + "\": 1 for yes, 0 for no, " + "NaN when missing.",
                  dims(in));
              String filled = fillNaN(g, in.name(), s.fill());
              yield g.op("Cast", List.of(filled), i("to", FLOAT));
            }
            case ONE_HOT, ORDINAL -> {
              g.input(
                  in.name(),
                  DataType.STRING,
                  "Column \""
                      + s.column()
                      + "\": the text of the "
                      + "category, \"\" when missing.",
                  dims(in));
              yield category(g, in.name(), s);
            }
            // OnnxFeeds.inputs refuses text steps before this point.
            case TEXT_MEANING, TEXT_WORDS, IMAGE_FEATURES ->
                throw new IllegalArgumentException("text features cannot be exported to ONNX");
          });
    }
    if (pre.fillsFromOthers()) {
      List<String> meanFilled = List.copyOf(parts);
      for (int k = 0; k < inputs.size(); k++) {
        ColumnStep s = pre.steps().get(k);
        if (s.imputation() != null) {
          parts.set(k, filledFromOthers(g, inputs.get(k).name(), s, pre, meanFilled));
        }
      }
    }
    return g.op("Concat", parts, i("axis", 1));
  }

  /**
   * A number whose gaps are predicted from the other columns, as {@code Preprocessing} does it: the
   * others' encoded numbers with their own gaps mean-filled ({@code meanFilled}, one part per step)
   * in float64, times the weights, plus the bias; NaN → the mean; kept within the training range;
   * then used where the input is NaN and scaled like any value.
   */
  private static String filledFromOthers(
      OnnxGraph g, String x, ColumnStep s, Preprocessing pre, List<String> meanFilled) {
    Preprocessing.Imputation how = s.imputation();
    List<String> reads = new ArrayList<>();
    for (String from : how.from()) {
      for (int j = 0; j < pre.steps().size(); j++) {
        if (pre.steps().get(j).column().equals(from)) {
          reads.add(meanFilled.get(j));
          break;
        }
      }
    }
    String features = reads.size() == 1 ? reads.get(0) : g.op("Concat", reads, i("axis", 1));
    String wide = g.op("Cast", List.of(features), i("to", DOUBLE));
    double[] w = how.weights().stream().mapToDouble(Double::doubleValue).toArray();
    String sum =
        g.op("MatMul", List.of(wide, g.doubles(g.fresh("c/impute_weights"), w, w.length, 1)));
    String guess =
        g.op("Add", List.of(sum, g.doubles(g.fresh("c/impute_bias"), new double[] {how.bias()})));
    String below =
        g.op(
            "Min",
            List.of(
                fillNaN(g, guess, s.fill()),
                g.doubles(g.fresh("c/impute_max"), new double[] {how.max()})));
    String inRange =
        g.op("Max", List.of(below, g.doubles(g.fresh("c/impute_min"), new double[] {how.min()})));
    String filled = g.op("Where", List.of(g.op("IsNaN", List.of(x)), inRange, x));
    return scaled(g, filled, s);
  }

  private static long[] dims(Input in) {
    return in.shape().stream().mapToLong(Long::longValue).toArray();
  }

  private static String fillNaN(OnnxGraph g, String x, double fill) {
    String missing = g.op("IsNaN", List.of(x));
    String value = g.doubles(g.fresh("c/fill"), new double[] {fill});
    return g.op("Where", List.of(missing, value, x));
  }

  private static String number(OnnxGraph g, String x, ColumnStep s) {
    return scaled(g, fillNaN(g, x, s.fill()), s);
  }

  private static String scaled(OnnxGraph g, String filled, ColumnStep s) {
    String centered =
        g.op("Sub", List.of(filled, g.doubles(g.fresh("c/center"), new double[] {s.center()})));
    String scaled =
        g.op("Div", List.of(centered, g.doubles(g.fresh("c/scale"), new double[] {s.scale()})));
    return g.op("Cast", List.of(scaled), i("to", FLOAT));
  }

  /**
   * A category: LabelEncoder maps each training level to its index, a missing cell to -1 (one-hot:
   * no slot) or to {@code levels.size()} (ordinal), and any other text to {@code levels.size()}
   * (the "other" slot when there is one, else no slot).
   */
  private static String category(OnnxGraph g, String x, ColumnStep s) {
    int n = s.levels().size();
    long missing = s.op() == Op.ONE_HOT ? -1 : n;
    List<String> keys = new ArrayList<>(s.levels());
    List<Long> values = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      values.add((long) k);
    }
    for (String m : missingTexts()) {
      if (!keys.contains(m)) {
        keys.add(m);
        values.add(missing);
      }
    }
    String index =
        g.opInDomain(
            OnnxGraph.ML_DOMAIN,
            "LabelEncoder",
            List.of(x),
            OnnxGraph.strings("keys_strings", keys),
            ints("values_int64s", values.stream().mapToLong(Long::longValue).toArray()),
            i("default_int64", n));
    if (s.op() == Op.ORDINAL) {
      return g.op("Cast", List.of(index), i("to", FLOAT));
    }
    long[] slots = new long[s.width()];
    for (int k = 0; k < slots.length; k++) {
      slots[k] = k;
    }
    String hot = g.op("Equal", List.of(index, g.longs(g.fresh("c/slots"), slots, 1, slots.length)));
    return g.op("Cast", List.of(hot), i("to", FLOAT));
  }

  /** Returns "" and the missing markers in lower, upper and title case (and "NaN"). */
  static List<String> missingTexts() {
    List<String> out = new ArrayList<>(List.of("", "NaN"));
    for (String m : OnnxFeeds.MISSING_MARKERS) {
      for (String v :
          List.of(
              m,
              m.toUpperCase(Locale.ROOT),
              m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1))) {
        if (!out.contains(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }
}
