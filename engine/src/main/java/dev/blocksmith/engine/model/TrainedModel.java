package dev.blocksmith.engine.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.blocksmith.engine.spi.Value;
import dev.blocksmith.engine.value.Curve;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A trained model as plain Java: architecture, weights (DJL's {@code saveParameters} format), label
 * names, fitted preprocessing, training history and provenance. Immutable and free of native
 * memory, so it can flow on edges and sit in the cache; {@link #toModel(Device)} materialises a DJL
 * {@link Model} when one is needed.
 */
public final class TrainedModel implements Value {
  private final ArchSpec arch;
  private final byte[] weights;
  private final List<ParamInfo> parameters;
  private final Preprocessing preprocessing;
  private final List<Curve> history;
  private final Provenance provenance;
  private final Storage storage;

  /**
   * How the weights are stored in a model file. The weights held here are always the float values
   * the network computes with; for {@link #INT8} and {@link #FLOAT16} they are already rounded to
   * what the file can hold, so a saved and reloaded model predicts exactly the same.
   */
  public enum Storage {
    /** 32-bit floats (DJL's own format). */
    FLOAT32,
    /** 16-bit floats: half the size. */
    FLOAT16,
    /** 8-bit integers with one float scale per output channel: about a quarter of the size. */
    INT8
  }

  /**
   * The name and shape of one stored parameter, recorded when the weights were captured.
   *
   * @param name DJL's parameter path ("01Linear_weight")
   * @param shape its shape
   * @param trainable whether it was updated by training (false when frozen)
   */
  public record ParamInfo(String name, List<Long> shape, boolean trainable) {

    /** Copies the shape. */
    public ParamInfo {
      shape = List.copyOf(shape);
    }

    /** Returns the number of values. */
    public long size() {
      return shape.stream().reduce(1L, (a, b) -> a * b);
    }
  }

  /**
   * Creates a model, copying the weights.
   *
   * @param arch the architecture
   * @param weights bytes written by DJL's {@code Block.saveParameters}
   * @param parameters name and shape of every stored parameter, in order
   * @param preprocessing the fitted preprocessing (holds the label names)
   * @param history training curves
   * @param provenance how it was made
   */
  public TrainedModel(
      ArchSpec arch,
      byte[] weights,
      List<ParamInfo> parameters,
      Preprocessing preprocessing,
      List<Curve> history,
      Provenance provenance) {
    this(arch, weights, parameters, preprocessing, history, provenance, Storage.FLOAT32);
  }

  /**
   * Creates a model whose weights are stored in a model file as {@code storage}, copying the
   * weights.
   *
   * @param storage how a model file stores the weights (the weights given must already be rounded
   *     to it)
   */
  public TrainedModel(
      ArchSpec arch,
      byte[] weights,
      List<ParamInfo> parameters,
      Preprocessing preprocessing,
      List<Curve> history,
      Provenance provenance,
      Storage storage) {
    this.storage = storage;
    this.arch = arch;
    this.weights = weights.clone();
    this.parameters = List.copyOf(parameters);
    this.preprocessing = preprocessing;
    this.history = List.copyOf(history);
    this.provenance = provenance;
  }

  /**
   * Returns a model holding the current weights of an initialised block.
   *
   * @param arch the architecture the block was built from
   * @param block the trained block
   * @param preprocessing the preprocessing fitted on the training part
   * @param history training curves
   * @param provenance how it was made
   */
  public static TrainedModel capture(
      ArchSpec arch,
      Block block,
      Preprocessing preprocessing,
      List<Curve> history,
      Provenance provenance) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new IllegalStateException("could not serialise weights", e);
    }
    return new TrainedModel(
        arch, bytes.toByteArray(), describe(block), preprocessing, history, provenance);
  }

  /** Returns the name, shape and trainability of every parameter of an initialised block. */
  public static List<ParamInfo> describe(Block block) {
    List<ParamInfo> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      Shape shape = param.getArray().getShape();
      List<Long> dims = Arrays.stream(shape.getShape()).boxed().toList();
      out.add(new ParamInfo(p.getKey(), dims, param.requiresGradient()));
    }
    return out;
  }

  /** Returns the architecture. */
  public ArchSpec arch() {
    return arch;
  }

  /** Returns a copy of the weight bytes (DJL {@code saveParameters} format). */
  public byte[] weights() {
    return weights.clone();
  }

  /** Returns the stored parameters' names and shapes. */
  public List<ParamInfo> parameters() {
    return parameters;
  }

  /** Returns the class names in output order (empty for regression). */
  public List<String> labelNames() {
    return preprocessing.classNames();
  }

  /** Returns the preprocessing fitted on the training part. */
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /** Returns the training curves. */
  public List<Curve> history() {
    return history;
  }

  /** Returns the curve with this name, if recorded. */
  public java.util.Optional<Curve> curve(String name) {
    return history.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Returns how the model was made. */
  public Provenance provenance() {
    return provenance;
  }

  /** Returns the number of parameters training updated. */
  public long trainableParameters() {
    return parameters.stream().filter(ParamInfo::trainable).mapToLong(ParamInfo::size).sum();
  }

  /** Returns the number of parameters. */
  public long totalParameters() {
    return parameters.stream().mapToLong(ParamInfo::size).sum();
  }

  /** Returns a copy with other provenance (to record the producing graph, for instance). */
  public TrainedModel withProvenance(Provenance p) {
    return new TrainedModel(arch, weights, parameters, preprocessing, history, p, storage);
  }

  /** Returns how a model file stores the weights. */
  public Storage storage() {
    return storage;
  }

  /**
   * Returns a DJL model on {@code device} with this architecture and these weights; the caller
   * closes it.
   *
   * @throws IncompatibleModelException when the weights do not fit the architecture
   */
  public Model toModel(Device device) throws IncompatibleModelException {
    Model model = Model.newInstance("blocksmith", device);
    try {
      Block block = Architectures.build(arch);
      model.setBlock(block);
      loadInto(block, model.getNDManager());
      return model;
    } catch (IncompatibleModelException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Loads these weights into {@code block} (built from {@link #arch()}, initialised here when it is
   * not yet), with its arrays attached to {@code manager}. Checks parameter names and shapes
   * against the block's, because DJL loads a wrong-architecture file silently.
   *
   * @throws IncompatibleModelException when the weights do not fit the block
   */
  public void loadInto(Block block, NDManager manager) throws IncompatibleModelException {
    if (!block.isInitialized()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(arch.batchShape(1)));
    }
    List<ParamInfo> expected = describe(block);
    if (!sameLayout(expected, parameters)) {
      throw new IncompatibleModelException(mismatch(expected), null);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
      block.loadParameters(manager, in);
      if (in.available() > 0) {
        throw new IncompatibleModelException(
            "The stored weights hold more layers than the architecture "
                + arch.describe()
                + ". The model file is damaged or belongs to another model.",
            null);
      }
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new IncompatibleModelException(
          "The stored weights could not be read into "
              + arch.describe()
              + ": "
              + e.getMessage()
              + ". The model file is damaged or belongs to another model.",
          e);
    }
    if (!sameLayout(describe(block), parameters)) {
      throw new IncompatibleModelException(mismatch(describe(block)), null);
    }
  }

  private static boolean sameLayout(List<ParamInfo> a, List<ParamInfo> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).name().equals(b.get(i).name()) || !a.get(i).shape().equals(b.get(i).shape())) {
        return false;
      }
    }
    return true;
  }

  private String mismatch(List<ParamInfo> actual) {
    for (int i = 0; i < Math.max(actual.size(), parameters.size()); i++) {
      ParamInfo want = i < actual.size() ? actual.get(i) : null;
      ParamInfo have = i < parameters.size() ? parameters.get(i) : null;
      if (want == null
          || have == null
          || !want.equals(have)
              && (!want.name().equals(have.name()) || !want.shape().equals(have.shape()))) {
        return "The stored weights do not fit the architecture "
            + arch.describe()
            + ": layer "
            + (want == null ? "(none)" : want.name() + " " + want.shape())
            + " needs weights, but "
            + "the file holds "
            + (have == null ? "nothing" : have.name() + " " + have.shape())
            + ". The weights belong to another model; train again or load the matching file.";
      }
    }
    return "The stored weights do not fit the architecture " + arch.describe() + ".";
  }

  @Override
  public String kind() {
    return "model";
  }

  @Override
  public String headline() {
    String stored =
        storage == Storage.FLOAT32 ? "" : " · stored as " + storage.name().toLowerCase(Locale.ROOT);
    return String.format(
        Locale.ROOT, "%s · %,d parameters%s", arch.describe(), totalParameters(), stored);
  }
}
