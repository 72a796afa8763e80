package dev.blocksmith.nodes.output;

import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the plain-language report of {@link Quantize}: size and score, before and after. */
final class QuantizeReport {
  private QuantizeReport() {}

  static Report build(
      TrainedModel before,
      TrainedModel after,
      Dataset data,
      long bytesBefore,
      long bytesAfter,
      TrainedModel.Storage storage,
      NodeContext ctx)
      throws NodeException {
    double ratio = (double) bytesBefore / bytesAfter;
    Map<String, Double> metrics = new LinkedHashMap<>();
    List<Finding> findings = new ArrayList<>();
    String size = String.format(Locale.ROOT, "%.1f× smaller", ratio);
    String headline = size;
    boolean classify = before.arch().task() == ArchSpec.Task.CLASSIFICATION;
    if (data != null) {
      double a = score(before, data, ctx);
      double b = score(after, data, ctx);
      String name = classify ? "accuracy" : "typical error";
      metrics.put(classify ? "accuracy" : "mae", b);
      metrics.put(classify ? "accuracy before" : "mae before", a);
      headline =
          classify
              ? String.format(Locale.ROOT, "%s, accuracy %.1f %% → %.1f %%", size, a * 100, b * 100)
              : String.format(Locale.ROOT, "%s, typical error %.4g → %.4g", size, a, b);
      double loss = classify ? (a - b) * 100 : (b - a) / Math.max(1e-12, Math.abs(a)) * 100;
      boolean fine = loss <= 1.0;
      findings.add(
          new Finding(
              fine ? Finding.Level.GOOD : Finding.Level.WARNING,
              fine ? "Smaller at (almost) no cost" : "Quantizing cost some " + name,
              headline + ".",
              fine
                  ? "Save the quantized model."
                  : "Try 16-bit floats instead, or a larger model."));
    } else {
      findings.add(
          new Finding(
              Finding.Level.INFO,
              "Score not checked",
              headline + ".",
              "Connect the test part to the Data input to see the score before and after."));
    }
    metrics.put("size ratio", ratio);
    metrics.put("weight bytes before", (double) bytesBefore);
    metrics.put("weight bytes after", (double) bytesAfter);
    ctx.log(headline);
    return new Report(
        "Quantized to " + storage.name().toLowerCase(Locale.ROOT) + ": " + headline,
        classify ? "classification" : "regression",
        metrics,
        List.of(),
        null,
        List.of(),
        List.of(),
        findings,
        List.of());
  }

  /** Returns the accuracy (classes) or mean absolute error (numbers) on the labelled rows. */
  static double score(TrainedModel model, Dataset data, NodeContext ctx) throws NodeException {
    Preprocessing pre = model.preprocessing();
    Preprocessing.Encoded e;
    try {
      e = pre.transform(data).labelledOnly();
    } catch (IllegalArgumentException ex) {
      throw NodeException.atPort(
          ctx.nodeId(),
          Quantize.DATA.name(),
          ex.getMessage(),
          "Connect data shaped like the model's training data.");
    }
    if (e.rows() == 0) {
      throw NodeException.atPort(
          ctx.nodeId(),
          Quantize.DATA.name(),
          "None of the examples has an answer the model knows, so the score cannot be checked.",
          "Connect the test part of the data the model was trained on.");
    }
    float[] out;
    try {
      out = Inference.outputs(model, e, ctx, 256);
    } catch (IncompatibleModelException ex) {
      throw NodeException.atPort(
          ctx.nodeId(), Quantize.MODEL_IN.name(), ex.getMessage(), "Train the model again.");
    }
    if (pre.task() == ArchSpec.Task.REGRESSION) {
      double sum = 0;
      for (int i = 0; i < e.rows(); i++) {
        sum += Math.abs(pre.rawLabel(out[i]) - pre.rawLabel(e.labels()[i]));
      }
      return sum / e.rows();
    }
    int[] predicted = Inference.argMax(out, pre.classNames().size());
    int right = 0;
    for (int i = 0; i < predicted.length; i++) {
      right += predicted[i] == (int) e.labels()[i] ? 1 : 0;
    }
    return (double) right / predicted.length;
  }
}
