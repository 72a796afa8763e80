package dev.blocksmith.engine.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Dataset;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test support: runs an exported ONNX file in ONNX Runtime on raw examples, compares it with
 * Blocksmith's own predictor, and asks Python's {@code onnx.checker} about the file.
 */
public final class OnnxRun {
  private OnnxRun() {}

  /**
   * What ONNX Runtime answered, next to Blocksmith's answer for the same examples.
   *
   * @param onnxScores the file's {@code scores}, row-major
   * @param ownScores Blocksmith's raw outputs ({@link Inference#outputs})
   * @param onnxPredicted the file's {@code predicted}: class names, or numbers as text
   * @param outputs outputs per example
   */
  public record Comparison(
      float[] onnxScores, float[] ownScores, Object onnxPredicted, int outputs) {

    /** Returns the largest absolute difference between the two sets of scores. */
    public double maxDiff() {
      double max = 0;
      for (int i = 0; i < ownScores.length; i++) {
        max = Math.max(max, Math.abs(onnxScores[i] - ownScores[i]));
      }
      return max;
    }

    /** Returns the share of examples where both pick the same class (1 for regression). */
    public double argmaxAgreement() {
      int[] a = Inference.argMax(onnxScores, outputs);
      int[] b = Inference.argMax(ownScores, outputs);
      int same = 0;
      for (int i = 0; i < a.length; i++) {
        same += a[i] == b[i] ? 1 : 0;
      }
      return a.length == 0 ? 1 : (double) same / a.length;
    }
  }

  /** Returns the outputs of the ONNX file for the raw examples in {@code data}, by name. */
  public static Map<String, Object> run(byte[] onnx, Preprocessing pre, Dataset data)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(onnx, opts)) {
      Map<String, OnnxTensor> in = new HashMap<>();
      try {
        for (OnnxFeeds.Feed f : OnnxFeeds.of(pre, data)) {
          in.put(f.input().name(), tensor(env, f));
        }
        Map<String, Object> out = new HashMap<>();
        try (OrtSession.Result r = session.run(in)) {
          for (Map.Entry<String, OnnxValue> e : r) {
            OnnxTensor t = (OnnxTensor) e.getValue();
            out.put(
                e.getKey(),
                switch (t.getInfo().type) {
                  case FLOAT -> copy(t.getFloatBuffer());
                  case DOUBLE -> copy(t.getDoubleBuffer());
                  case INT64 -> t.getLongBuffer().array();
                  case STRING -> (String[]) t.getValue();
                  default -> t.getValue();
                });
          }
        }
        return out;
      } finally {
        in.values().forEach(OnnxTensor::close);
      }
    }
  }

  /** Returns the ONNX file's answers and Blocksmith's own on the raw examples in {@code data}. */
  public static Comparison compare(byte[] onnx, TrainedModel model, Dataset data) throws Exception {
    Preprocessing pre = model.preprocessing();
    Map<String, Object> out = run(onnx, pre, data);
    float[] own;
    try (TestContext ctx = new TestContext("export")) {
      own = Inference.outputs(model, pre.transform(data), ctx, 256);
    }
    return new Comparison(
        (float[]) out.get("scores"), own, out.get("predicted"), model.arch().outputs());
  }

  /** Returns Blocksmith's predicted numbers (target units) for a regression model. */
  public static double[] ownNumbers(TrainedModel model, float[] scores) {
    double[] out = new double[scores.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.preprocessing().rawLabel(scores[i]);
    }
    return out;
  }

  /** Returns Blocksmith's predicted class names for its scores. */
  public static String[] ownLabels(TrainedModel model, float[] scores) {
    List<String> names = model.labelNames();
    return java.util.Arrays.stream(Inference.argMax(scores, model.arch().outputs()))
        .mapToObj(names::get)
        .toArray(String[]::new);
  }

  private static OnnxTensor tensor(OrtEnvironment env, OnnxFeeds.Feed f) throws OrtException {
    return switch (f.input().kind()) {
      case NUMBER, BOOLEAN ->
          OnnxTensor.createTensor(env, DoubleBuffer.wrap((double[]) f.data()), f.dims());
      case CATEGORY -> OnnxTensor.createTensor(env, (String[]) f.data(), f.dims());
      case PIXELS ->
          OnnxTensor.createTensor(
              env, ByteBuffer.wrap((byte[]) f.data()), f.dims(), OnnxJavaType.UINT8);
    };
  }

  private static float[] copy(FloatBuffer b) {
    float[] a = new float[b.remaining()];
    b.get(a);
    return a;
  }

  private static double[] copy(DoubleBuffer b) {
    double[] a = new double[b.remaining()];
    b.get(a);
    return a;
  }

  /**
   * Returns the output of Python's {@code onnx.checker.check_model(file, full_check=True)} on every
   * file ("ok" when it accepts them all), or null when {@code /usr/bin/python3} with onnx is not
   * installed. Temporary files are fine: they are read before this returns.
   */
  public static String pythonCheck(List<Path> files) throws Exception {
    if (files.isEmpty()) {
      return "ok";
    }
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python)) {
      return null;
    }
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                python.toString(),
                "-c",
                "import sys\ntry:\n import onnx\nexcept ImportError:\n print('no onnx'); sys.exit(3)\n"
                    + "for f in sys.argv[1:]:\n onnx.checker.check_model(onnx.load(f), full_check=True)\n"
                    + "print('ok')"));
    files.forEach(f -> cmd.add(f.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    String text = new String(p.getInputStream().readAllBytes()).trim();
    return p.exitValue() == 3 ? null : text;
  }

  /** Returns the model with its weights rounded to int8, as the Quantize block makes it. */
  public static TrainedModel quantized(TrainedModel model) throws Exception {
    var rounded =
        dev.blocksmith.engine.model.Quantization.round(
            dev.blocksmith.engine.model.Weights.read(model), TrainedModel.Storage.INT8);
    return new TrainedModel(
        model.arch(),
        dev.blocksmith.engine.model.Weights.toDjlBytes(model.arch(), rounded),
        model.parameters(),
        model.preprocessing(),
        model.history(),
        model.provenance(),
        TrainedModel.Storage.INT8);
  }

  /** Returns whether the model predicts classes. */
  public static boolean classes(TrainedModel model) {
    return model.arch().task() == ArchSpec.Task.CLASSIFICATION;
  }
}
