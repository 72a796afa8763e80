package dev.blocksmith.engine.onnx;

import static dev.blocksmith.engine.onnx.OnnxGraph.i;
import static dev.blocksmith.engine.onnx.OnnxGraph.ints;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Quantization;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.model.Weights;
import dev.blocksmith.engine.model.Weights.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link TrainedModel} as an ONNX file: the fitted preprocessing (see {@link
 * OnnxPreprocessing}), the network (Conv/Relu/MaxPool/Flatten/Gemm, dropout left out as at
 * prediction time) and the answer. Outputs: {@code scores} (float32 {@code [N, outputs]}, the raw
 * network outputs Blocksmith's own predictor computes); for classes also {@code probabilities}
 * (softmax), {@code predicted_index} (int64 {@code [N]}) and {@code predicted} (the class name,
 * string {@code [N]}); for numbers {@code predicted} (float64 {@code [N, 1]}, in the target's
 * units). In {@link Precision#INT8} each Linear and Conv weight is stored as int8 with one float
 * scale per output channel and turned back into floats by {@code DequantizeLinear}, exactly as
 * {@link Quantization} does. Labels, inputs, preprocessing and architecture are in the model's
 * metadata as JSON ({@code docs/deploy.md}).
 */
public final class OnnxExport {
  /** The file name ending. */
  public static final String EXTENSION = ".onnx";

  /** ONNX IR version written (ONNX 1.7 and later read it). */
  static final long IR_VERSION = 7;

  /** Default-domain opset (per-axis DequantizeLinear needs 13). */
  static final long OPSET = 13;

  /** ai.onnx.ml opset (LabelEncoder with keys/values lists). */
  static final long ML_OPSET = 2;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private OnnxExport() {}

  /** How the weights are stored in the file. */
  public enum Precision {
    /** 32-bit floats. */
    FLOAT32,
    /** 8-bit integers with one float32 scale per output channel, about a quarter of the size. */
    INT8;

    /** Returns INT8 for a model stored as int8, else FLOAT32. */
    public static Precision of(TrainedModel model) {
      return model.storage() == TrainedModel.Storage.INT8 ? INT8 : FLOAT32;
    }
  }

  /** Writes the model to {@code file} atomically. */
  public static void write(TrainedModel model, Precision precision, Path file)
      throws IOException, IncompatibleModelException {
    GraphFiles.writeAtomically(file, toBytes(model, precision), false);
  }

  /** Returns the bytes of the ONNX file. */
  public static byte[] toBytes(TrainedModel model, Precision precision)
      throws IncompatibleModelException {
    return toProto(model, precision).toByteArray();
  }

  /** Returns the ONNX model. */
  public static ModelProto toProto(TrainedModel model, Precision precision)
      throws IncompatibleModelException {
    ArchSpec arch = model.arch();
    Preprocessing pre = model.preprocessing();
    OnnxGraph g = new OnnxGraph("blocksmith");
    String features = OnnxPreprocessing.add(g, pre);
    String scores = network(g, arch, Weights.read(model), precision, features);
    int k = arch.outputs();
    g.output(
        "scores",
        DataType.FLOAT,
        "Raw network outputs (before softmax; for a number, the " + "standardized target).",
        -1,
        k);
    if (pre.task() == ArchSpec.Task.CLASSIFICATION) {
      g.opNamed("", "Softmax", List.of(scores), "probabilities", i("axis", 1));
      g.output("probabilities", DataType.FLOAT, "Probability of each class.", -1, k);
      g.opNamed("", "ArgMax", List.of(scores), "predicted_index", i("axis", 1), i("keepdims", 0));
      g.output("predicted_index", DataType.INT64, "Index of the predicted class.", -1);
      long[] keys = new long[k];
      for (int c = 0; c < k; c++) {
        keys[c] = c;
      }
      g.opNamed(
          OnnxGraph.ML_DOMAIN,
          "LabelEncoder",
          List.of("predicted_index"),
          "predicted",
          ints("keys_int64s", keys),
          OnnxGraph.strings("values_strings", pre.classNames()),
          OnnxGraph.s("default_string", ""));
      g.output("predicted", DataType.STRING, "Name of the predicted class.", -1);
    } else {
      String wide = g.op("Cast", List.of(scores), i("to", DataType.DOUBLE.getNumber()));
      String times =
          g.op(
              "Mul",
              List.of(wide, g.doubles(g.fresh("c/label_scale"), new double[] {pre.labelScale()})));
      g.opNamed(
          "",
          "Add",
          List.of(times, g.doubles(g.fresh("c/label_center"), new double[] {pre.labelCenter()})),
          "predicted");
      g.output("predicted", DataType.DOUBLE, "The predicted number, in the target's units.", -1, 1);
    }
    ModelProto.Builder m =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName("Blocksmith")
            .setProducerVersion(ModelBundle.blocksmithVersion())
            .setDomain("dev.blocksmith")
            .setModelVersion(1)
            .setDocString(
                arch.describe()
                    + " trained with Blocksmith; weights "
                    + precision.name().toLowerCase(Locale.ROOT)
                    + ". See metadata 'blocksmith.inputs'.")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .addOpsetImport(
                OperatorSetIdProto.newBuilder().setDomain(OnnxGraph.ML_DOMAIN).setVersion(ML_OPSET))
            .setGraph(g.build());
    metadata(model, precision)
        .forEach(
            (key, value) ->
                m.addMetadataProps(
                    StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return m.build();
  }

  /** Returns the metadata written into the file, by key. */
  public static Map<String, String> metadata(TrainedModel model, Precision precision) {
    Preprocessing pre = model.preprocessing();
    Map<String, String> out = new LinkedHashMap<>();
    out.put("blocksmith.format", "1");
    out.put("blocksmith.task", pre.task().name().toLowerCase(Locale.ROOT));
    out.put("blocksmith.labels", json(pre.classNames()));
    out.put("blocksmith.inputs", json(OnnxFeeds.inputs(pre)));
    out.put("blocksmith.weights", precision.name().toLowerCase(Locale.ROOT));
    out.put("blocksmith.architecture", json(model.arch()));
    out.put("blocksmith.preprocessing", json(pre));
    return out;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds the layers of {@code arch} reading {@code x}; returns the name of the "scores" output. */
  private static String network(
      OnnxGraph g, ArchSpec arch, List<Tensor> tensors, Precision precision, String x)
      throws IncompatibleModelException {
    List<Tensor> queue = new ArrayList<>(tensors);
    if (arch.kind() == ArchSpec.Kind.CNN) {
      for (int stage = 0; stage < arch.convChannels().size(); stage++) {
        String[] wb = weightAndBias(g, queue, 4, precision);
        x =
            g.op(
                "Conv",
                List.of(x, wb[0], wb[1]),
                ints("kernel_shape", 3, 3),
                ints("pads", 1, 1, 1, 1),
                ints("strides", 1, 1));
        x = g.op("Relu", List.of(x));
        x = g.op("MaxPool", List.of(x), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
      }
    }
    if (arch.isImage()) {
      x = g.op("Flatten", List.of(x), i("axis", 1));
    }
    if (arch.kind() != ArchSpec.Kind.LINEAR) {
      for (int units = 0; units < arch.hidden().size(); units++) {
        String[] wb = weightAndBias(g, queue, 2, precision);
        x = g.op("Relu", List.of(g.op("Gemm", List.of(x, wb[0], wb[1]), i("transB", 1))));
      }
    }
    String[] head = weightAndBias(g, queue, 2, precision);
    g.opNamed("", "Gemm", List.of(x, head[0], head[1]), "scores", i("transB", 1));
    if (!queue.isEmpty()) {
      throw new IncompatibleModelException(
          "The model holds more weights ("
              + queue.get(0).name()
              + ") than its architecture "
              + arch.describe()
              + " uses.",
          null);
    }
    return "scores";
  }

  /** Takes the next weight (of {@code rank} dimensions) and bias off the queue as initializers. */
  private static String[] weightAndBias(
      OnnxGraph g, List<Tensor> queue, int rank, Precision precision)
      throws IncompatibleModelException {
    if (queue.size() < 2
        || queue.get(0).shape().size() != rank
        || queue.get(1).shape().size() != 1) {
      throw new IncompatibleModelException(
          "The model's weights do not fit its architecture "
              + "(expected a "
              + rank
              + "-dimensional weight and a bias next); the model is damaged.",
          null);
    }
    Tensor w = queue.remove(0);
    Tensor b = queue.remove(0);
    String bias = g.floats(b.name(), b.data(), b.dims());
    if (precision == Precision.FLOAT32 || !Quantization.quantizable(w.name(), w.shape())) {
      return new String[] {g.floats(w.name(), w.data(), w.dims()), bias};
    }
    Quantization.Int8 q = Quantization.quantize(w.data(), w.shape());
    String values = g.int8s(w.name() + "_int8", q.values(), w.dims());
    int channels = q.scales().length;
    String scales = g.floats(w.name() + "_scale", q.scales(), channels);
    String zero = g.int8s(w.name() + "_zero_point", new byte[channels], channels);
    String weight = g.op("DequantizeLinear", List.of(values, scales, zero), i("axis", 0));
    return new String[] {weight, bias};
  }
}
