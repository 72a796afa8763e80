package dev.blocksmith.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.onnx.OnnxExport;
import dev.blocksmith.engine.onnx.OnnxExport.Precision;
import dev.blocksmith.engine.onnx.OnnxFeeds;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.value.Dataset;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ONNX export: file size, accuracy and per-example latency of the float32 and int8 ONNX files in
 * ONNX Runtime (one intra-op thread) against Blocksmith's own DJL predictor (one thread, model
 * loaded once), on the test part of graphs/quantize-for-small-devices.json (digits CNN, trained
 * here with the file's settings). Latency: one example per call over the whole test part, rounds
 * interleaved A/B/C after a warm-up; medians. Not a test: run bench/run-onnx.
 */
public final class OnnxBench {
  private OnnxBench() {}

  /** Runs the benchmark; optional arguments: rounds (default 5), graph file. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path graph = Path.of(args.length > 1 ? args[1] : "graphs/quantize-for-small-devices.json");
    Path runs = Files.createTempDirectory("onnx-bench-runs");
    RunResult result;
    try (EngineSession session = new EngineSession(NodeRegistry.loadInstalled(), runs)) {
      result =
          session
              .start(
                  GraphJson.read(graph),
                  Files.createTempDirectory("onnx-bench"),
                  new RunOptions(null, "cpu", 42L, false),
                  e -> {})
              .result()
              .get(30, TimeUnit.MINUTES);
    }
    if (!result.success()) {
      throw new IllegalStateException("the pipeline failed: " + result.messages());
    }
    TrainedModel model = (TrainedModel) result.outputs().get("train").get("model");
    TrainedModel quantized = (TrainedModel) result.outputs().get("quantize").get("model");
    Dataset test = (Dataset) result.outputs().get("split").get("test");
    Preprocessing pre = model.preprocessing();
    byte[] f32 = OnnxExport.toBytes(model, Precision.FLOAT32);
    byte[] i8 = OnnxExport.toBytes(model, Precision.INT8);
    System.out.printf(Locale.ROOT, "model %s, %d test examples%n", model.headline(), test.size());
    System.out.printf(
        Locale.ROOT,
        "sizes: .bsmodel float32 %,d B, int8 %,d B; .onnx float32 %,d"
            + " B, int8 %,d B (%.2f× smaller)%n",
        ModelBundle.toBytes(model).length,
        ModelBundle.toBytes(quantized).length,
        f32.length,
        i8.length,
        (double) f32.length / i8.length);

    float[] labels = pre.transform(test).labels();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(1);
      opts.setInterOpNumThreads(1);
      // ORT keeps DequantizeLinear nodes for its QDQ fusions; with them disabled, constant folding
      // turns the int8 weights into floats once, at load time.
      OrtSession.SessionOptions folded = new OrtSession.SessionOptions();
      folded.setIntraOpNumThreads(1);
      folded.setInterOpNumThreads(1);
      folded.addConfigEntry("session.disable_quant_qdq", "1");
      try (folded;
          OrtSession a = env.createSession(f32, opts);
          OrtSession b = env.createSession(i8, opts);
          OrtSession d = env.createSession(i8, folded);
          Model djl = model.toModel(Device.cpu())) {
        float[] own = Inference.outputs(model, pre.transform(test), new QuietContext(), 256);
        float[] ownQ = Inference.outputs(quantized, pre.transform(test), new QuietContext(), 256);
        System.out.printf(
            Locale.ROOT,
            "accuracy: Blocksmith float32 %.4f, Blocksmith int8 %.4f, "
                + "ONNX float32 %.4f, ONNX int8 %.4f%n",
            accuracy(own, labels, pre),
            accuracy(ownQ, labels, pre),
            accuracy(scores(env, a, pre, test), labels, pre),
            accuracy(scores(env, b, pre, test), labels, pre));
        List<double[]> times = new ArrayList<>();
        for (int r = -1; r < rounds; r++) {
          double ta = perExample(() -> oneByOne(env, a, pre, test), test.size());
          double tb = perExample(() -> oneByOne(env, b, pre, test), test.size());
          double tc = perExample(() -> oneByOne(djl, model, test), test.size());
          double td = perExample(() -> oneByOne(env, d, pre, test), test.size());
          if (r >= 0) {
            times.add(new double[] {ta, tb, tc, td});
            System.out.printf(
                Locale.ROOT,
                "round %d: ONNX float32 %.1f µs, ONNX int8 %.1f µs, "
                    + "Blocksmith (DJL) %.1f µs, ONNX int8 folded %.1f µs per example%n",
                r + 1,
                ta,
                tb,
                tc,
                td);
          }
        }
        double ma = median(times, 0);
        double mb = median(times, 1);
        double mc = median(times, 2);
        double md = median(times, 3);
        System.out.printf(
            Locale.ROOT,
            "median per example: ONNX float32 %.1f µs, ONNX int8 %.1f µs,"
                + " ONNX int8 folded %.1f µs, Blocksmith %.1f µs; Blocksmith / ONNX float32 = %.2f, "
                + "int8 / float32 = %.2f, int8 folded / float32 = %.2f%n",
            ma,
            mb,
            md,
            mc,
            mc / ma,
            mb / ma,
            md / ma);
        System.out.printf(
            Locale.ROOT,
            "int8 folded accuracy %.4f%n",
            accuracy(scores(env, d, pre, test), labels, pre));
      }
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private static double perExample(Work w, int n) throws Exception {
    long t0 = System.nanoTime();
    w.run();
    return (System.nanoTime() - t0) / 1e3 / n;
  }

  private static double median(List<double[]> rows, int col) {
    double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
    return v[v.length / 2];
  }

  private static double accuracy(float[] scores, float[] labels, Preprocessing pre) {
    int[] best = Inference.argMax(scores, pre.outputs());
    int right = 0;
    for (int i = 0; i < best.length; i++) {
      right += best[i] == labels[i] ? 1 : 0;
    }
    return (double) right / best.length;
  }

  /** Returns the ONNX scores for all of {@code data} in one call. */
  private static float[] scores(OrtEnvironment env, OrtSession s, Preprocessing pre, Dataset data)
      throws Exception {
    Map<String, OnnxTensor> in = feeds(env, pre, data);
    try (OrtSession.Result r = s.run(in)) {
      var buf = ((OnnxTensor) r.get("scores").get()).getFloatBuffer();
      float[] out = new float[buf.remaining()];
      buf.get(out);
      return out;
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  private static void oneByOne(OrtEnvironment env, OrtSession s, Preprocessing pre, Dataset data)
      throws Exception {
    for (int i = 0; i < data.size(); i++) {
      scores(env, s, pre, data.subset(new int[] {i}));
    }
  }

  /** Blocksmith's own path per example: preprocessing, then the loaded DJL network. */
  private static void oneByOne(Model djl, TrainedModel model, Dataset data) {
    ParameterStore store = new ParameterStore(djl.getNDManager(), false);
    for (int i = 0; i < data.size(); i++) {
      Preprocessing.Encoded e = model.preprocessing().transform(data.subset(new int[] {i}));
      try (NDManager batch = djl.getNDManager().newSubManager()) {
        var x = batch.create(e.features(), new Shape(model.arch().batchShape(1)));
        djl.getBlock().forward(store, new NDList(x), false).head().toFloatArray();
      }
    }
  }

  private static Map<String, OnnxTensor> feeds(OrtEnvironment env, Preprocessing pre, Dataset data)
      throws Exception {
    Map<String, OnnxTensor> in = new HashMap<>();
    for (OnnxFeeds.Feed f : OnnxFeeds.of(pre, data)) {
      in.put(
          f.input().name(),
          switch (f.input().kind()) {
            case NUMBER, BOOLEAN ->
                OnnxTensor.createTensor(env, DoubleBuffer.wrap((double[]) f.data()), f.dims());
            case CATEGORY -> OnnxTensor.createTensor(env, (String[]) f.data(), f.dims());
            case PIXELS ->
                OnnxTensor.createTensor(
                    env, ByteBuffer.wrap((byte[]) f.data()), f.dims(), OnnxJavaType.UINT8);
          });
    }
    return in;
  }
}
