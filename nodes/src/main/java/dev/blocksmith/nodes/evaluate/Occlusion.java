package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import java.util.List;

/**
 * Occlusion saliency for image models: a grey square is slid over the picture and, at each place,
 * the drop in the model's probability for the true class is recorded. Pixels whose cover makes the
 * model unsure are the ones it looks at.
 */
final class Occlusion {
  private Occlusion() {}

  /**
   * Returns one heat value per pixel ({@code height × width}, scaled so the largest is 1; all 0
   * when nothing mattered) for example {@code row} of {@code e}.
   *
   * @param fill the value per channel the square is painted with (the pictures' average)
   * @param patch the square's side in pixels
   */
  static double[] map(
      TrainedModel model, Encoded e, int row, float[] fill, int patch, NodeContext ctx)
      throws NodeException, IncompatibleModelException {
    List<Integer> shape = e.exampleShape();
    int channels = shape.get(0);
    int height = shape.get(1);
    int width = shape.get(2);
    int size = e.exampleSize();
    int stride = Math.max(1, patch / 2);
    int classes = model.preprocessing().classNames().size();
    int truth = (int) e.labels()[row];
    int across = (width - patch) / stride + 1;
    int down = (height - patch) / stride + 1;
    if (patch > width || patch > height) {
      across = 1;
      down = 1;
    }
    int places = across * down;
    float[] x = new float[(places + 1) * size];
    for (int k = 0; k <= places; k++) {
      System.arraycopy(e.features(), row * size, x, k * size, size);
    }
    for (int k = 0; k < places; k++) {
      int top = (k / across) * stride;
      int left = (k % across) * stride;
      for (int c = 0; c < channels; c++) {
        for (int y = top; y < Math.min(height, top + patch); y++) {
          for (int xx = left; xx < Math.min(width, left + patch); xx++) {
            x[(k + 1) * size + c * height * width + y * width + xx] = fill[c];
          }
        }
      }
    }
    float[] labels = new float[places + 1];
    float[] out = Inference.outputs(model, new Encoded(x, labels, places + 1, shape), ctx, 256);
    double original = probability(out, 0, classes, truth);
    double[] heat = new double[height * width];
    int[] covered = new int[height * width];
    for (int k = 0; k < places; k++) {
      double drop = Math.max(0, original - probability(out, k + 1, classes, truth));
      int top = (k / across) * stride;
      int left = (k % across) * stride;
      for (int y = top; y < Math.min(height, top + patch); y++) {
        for (int xx = left; xx < Math.min(width, left + patch); xx++) {
          heat[y * width + xx] += drop;
          covered[y * width + xx]++;
        }
      }
    }
    double max = 0;
    for (int i = 0; i < heat.length; i++) {
      heat[i] = covered[i] == 0 ? 0 : heat[i] / covered[i];
      max = Math.max(max, heat[i]);
    }
    if (max > 0) {
      for (int i = 0; i < heat.length; i++) {
        heat[i] /= max;
      }
    }
    return heat;
  }

  /** Returns the average value of each channel over all examples (the neutral grey). */
  static float[] averageColour(Encoded e) {
    int channels = e.exampleShape().get(0);
    int plane = e.exampleSize() / channels;
    float[] fill = new float[channels];
    for (int r = 0; r < e.rows(); r++) {
      for (int c = 0; c < channels; c++) {
        double sum = 0;
        int from = r * e.exampleSize() + c * plane;
        for (int i = 0; i < plane; i++) {
          sum += e.features()[from + i];
        }
        fill[c] += (float) (sum / plane / e.rows());
      }
    }
    return fill;
  }

  /** Returns the softmax probability of class {@code k} in output row {@code row}. */
  static double probability(float[] out, int row, int classes, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, out[row * classes + c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(out[row * classes + c] - max);
    }
    return Math.exp(out[row * classes + k] - max) / sum;
  }
}
