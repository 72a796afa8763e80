package dev.blocksmith.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A low-rank adapter (LoRA) around a trained {@link Linear} layer: the layer's weight {@code W}
 * stays frozen, and two small trainable matrices {@code A} (rank × inputs) and {@code B} (outputs ×
 * rank) add {@code (alpha / rank) · B·A} to it, so {@code y = x·Wᵀ + b + (alpha / rank) · x·Aᵀ·Bᵀ}.
 * {@code B} starts at zero, so training starts from exactly the trained layer. {@link #merge()}
 * folds the adapter into {@code W}, leaving a plain Linear layer that predicts the same.
 */
public final class LoraLinear extends AbstractBlock {
  private final Linear base;
  private final Parameter down;
  private final Parameter up;
  private final int rank;
  private final float scale;

  /**
   * Wraps an initialised Linear layer and freezes its weight and bias.
   *
   * @param base the trained layer (its arrays are shared, not copied)
   * @param rank inner size of the adapter (1–64; small ranks train few parameters)
   * @param alpha strength of the adapter; the update is scaled by {@code alpha / rank}
   */
  public LoraLinear(Linear base, int rank, float alpha) {
    if (!base.isInitialized()) {
      throw new IllegalArgumentException("LoRA needs a trained (initialised) layer");
    }
    this.base = addChildBlock("base", base);
    this.rank = rank;
    this.scale = alpha / rank;
    this.down =
        addParameter(
            Parameter.builder()
                .setName("loraA")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.01f))
                .build());
    this.up =
        addParameter(
            Parameter.builder()
                .setName("loraB")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(Initializer.ZEROS)
                .build());
    base.freezeParameters(true);
  }

  /** Returns the wrapped layer. */
  public Linear base() {
    return base;
  }

  /** Returns the number of trainable adapter values ({@code rank × (inputs + outputs)}). */
  public long adapterSize() {
    return up.getArray().size() + down.getArray().size();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    NDArray y = base.forward(store, inputs, training, params).head();
    NDArray a = store.getValue(down, x.getDevice(), training);
    NDArray b = store.getValue(up, x.getDevice(), training);
    return new NDList(y.add(x.matMul(a.transpose()).matMul(b.transpose()).mul(scale)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return base.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    base.initialize(manager, dataType, inputShapes);
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    NDArray w = weight();
    down.setShape(new Shape(rank, w.getShape().get(1)));
    up.setShape(new Shape(w.getShape().get(0), rank));
  }

  /**
   * Adds {@code (alpha / rank) · B·A} to the wrapped layer's weight, in place. The sum is formed in
   * double precision and rounded once, so the merged layer is as close to the adapted one as
   * float32 allows.
   */
  public void merge() {
    NDArray w = weight();
    int outputs = (int) w.getShape().get(0);
    int inputs = (int) w.getShape().get(1);
    float[] weights = w.toFloatArray();
    float[] a = down.getArray().toFloatArray();
    float[] b = up.getArray().toFloatArray();
    for (int o = 0; o < outputs; o++) {
      for (int i = 0; i < inputs; i++) {
        double sum = 0;
        for (int r = 0; r < rank; r++) {
          sum += (double) b[o * rank + r] * a[r * inputs + i];
        }
        weights[o * inputs + i] = (float) (weights[o * inputs + i] + (double) scale * sum);
      }
    }
    w.set(java.nio.FloatBuffer.wrap(weights));
  }

  private NDArray weight() {
    return base.getParameters().get("weight").getArray();
  }
}
