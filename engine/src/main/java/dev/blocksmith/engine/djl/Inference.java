package dev.blocksmith.engine.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;

/** Runs a {@link TrainedModel} over encoded examples in batches and returns plain Java outputs. */
public final class Inference {
  private Inference() {}

  /**
   * Returns the raw outputs, row-major: {@code rows × outputs} values (class scores before softmax,
   * or the scaled number for regression). Checks for cancellation between batches.
   *
   * @throws IncompatibleModelException when the model's weights do not fit its architecture
   * @throws NodeException when the user cancels
   */
  public static float[] outputs(TrainedModel trained, Encoded data, NodeContext ctx, int batchSize)
      throws IncompatibleModelException, NodeException {
    Device device = ctx.device();
    int outputs = trained.arch().outputs();
    float[] out = new float[data.rows() * outputs];
    int size = data.exampleSize();
    try (Model model = trained.toModel(device)) {
      ParameterStore store = new ParameterStore(model.getNDManager(), false);
      for (int from = 0; from < data.rows(); from += batchSize) {
        ctx.checkCancelled();
        int n = Math.min(batchSize, data.rows() - from);
        try (NDManager batch = model.getNDManager().newSubManager()) {
          float[] slice = new float[n * size];
          System.arraycopy(data.features(), from * size, slice, 0, slice.length);
          NDArray x = batch.create(slice, new Shape(trained.arch().batchShape(n)));
          NDArray y =
              model
                  .getBlock()
                  .forward(store, new NDList(Architectures.batchLayout(x)), false)
                  .head();
          System.arraycopy(y.toFloatArray(), 0, out, from * outputs, n * outputs);
        }
      }
    }
    return out;
  }

  /**
   * Returns how many examples to run per forward pass: at least {@code minimum}, more for small
   * examples (up to 8,192 rows or about 16 MB of input), because each pass has a fixed cost that
   * dominates for table rows of a few numbers.
   */
  public static int batchRows(int exampleSize, int minimum) {
    return Math.max(minimum, Math.min(8192, (1 << 22) / Math.max(1, exampleSize)));
  }

  /** Returns the index of the largest of each row's {@code width} scores. */
  public static int[] argMax(float[] scores, int width) {
    int[] out = new int[scores.length / width];
    for (int r = 0; r < out.length; r++) {
      int best = 0;
      for (int c = 1; c < width; c++) {
        if (scores[r * width + c] > scores[r * width + best]) {
          best = c;
        }
      }
      out[r] = best;
    }
    return out;
  }
}
