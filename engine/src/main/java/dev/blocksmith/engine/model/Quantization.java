package dev.blocksmith.engine.model;

import dev.blocksmith.engine.model.Weights.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Post-training weight quantization in plain Java arrays (no exotic NDArray types, which abort the
 * JVM). INT8 is symmetric and per output channel: each channel {@code c} of a layer's weight gets
 * {@code scale[c] = max|w| / 127} and stores {@code round(w / scale[c])} in −127…127. Biases and
 * other one-dimensional parameters stay 32-bit floats: they are few and sensitive.
 */
public final class Quantization {
  private Quantization() {}

  /**
   * A weight stored as 8-bit integers with one scale per output channel (the first dimension).
   *
   * @param values the integers, same order as the float values
   * @param scales one positive scale per output channel
   */
  public record Int8(byte[] values, float[] scales) {}

  /** Returns whether a parameter is quantized to INT8: a weight of a Linear or Conv layer. */
  public static boolean quantizable(String name, List<Long> shape) {
    return name.endsWith("_weight") && shape.size() >= 2;
  }

  /** Returns {@code w} (shape's first dimension = output channels) quantized per channel. */
  public static Int8 quantize(float[] w, List<Long> shape) {
    int channels = (int) (long) shape.get(0);
    int per = w.length / channels;
    byte[] q = new byte[w.length];
    float[] scales = new float[channels];
    for (int c = 0; c < channels; c++) {
      float max = 0;
      for (int i = c * per; i < (c + 1) * per; i++) {
        max = Math.max(max, Math.abs(w[i]));
      }
      float scale = max > 0 ? max / 127f : 1f;
      scales[c] = scale;
      for (int i = c * per; i < (c + 1) * per; i++) {
        q[i] = (byte) Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
      }
    }
    return new Int8(q, scales);
  }

  /** Returns the float values an {@link Int8} weight stands for. */
  public static float[] dequantize(Int8 q) {
    int channels = q.scales().length;
    int per = q.values().length / channels;
    float[] w = new float[q.values().length];
    for (int i = 0; i < w.length; i++) {
      w[i] = q.values()[i] * q.scales()[i / per];
    }
    return w;
  }

  /**
   * Returns the tensors rounded to what {@code storage} can hold, the values the network will
   * compute with after saving and loading. Rounding again gives the same values (checked), so a
   * saved model predicts exactly like the one in memory.
   */
  public static List<Tensor> round(List<Tensor> tensors, TrainedModel.Storage storage) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : tensors) {
      float[] once = round(t, storage);
      float[] twice = round(new Tensor(t.name(), t.shape(), once), storage);
      // The scale of a rounded channel can land one float step away; a third pass settles it.
      float[] settled =
          java.util.Arrays.equals(once, twice)
              ? once
              : round(new Tensor(t.name(), t.shape(), twice), storage);
      out.add(new Tensor(t.name(), t.shape(), settled));
    }
    return out;
  }

  private static float[] round(Tensor t, TrainedModel.Storage storage) {
    return switch (storage) {
      case FLOAT32 -> t.data().clone();
      case FLOAT16 -> Half.round(t.data());
      case INT8 ->
          quantizable(t.name(), t.shape())
              ? dequantize(quantize(t.data(), t.shape()))
              : t.data().clone();
    };
  }

  /**
   * Returns the largest absolute difference between two lists of tensors of the same layout, to
   * report how much quantization moved the weights.
   */
  public static double maxError(List<Tensor> a, List<Tensor> b) {
    double max = 0;
    for (int i = 0; i < a.size(); i++) {
      float[] x = a.get(i).data();
      float[] y = b.get(i).data();
      for (int j = 0; j < x.length; j++) {
        max = Math.max(max, Math.abs(x[j] - y[j]));
      }
    }
    return max;
  }
}
