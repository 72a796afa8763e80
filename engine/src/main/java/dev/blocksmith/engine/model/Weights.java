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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Moves a model's weights between DJL's {@code saveParameters} bytes and plain Java float arrays,
 * one {@link Tensor} per parameter, so that file formats and quantization can work without native
 * memory. Every conversion checks names and shapes against the architecture, because DJL would load
 * a wrong-architecture file silently.
 */
public final class Weights {
  private Weights() {}

  /**
   * One parameter's values as plain Java.
   *
   * @param name DJL's parameter path ("02Linear_weight")
   * @param shape its shape
   * @param data its values, row-major
   */
  public record Tensor(String name, List<Long> shape, float[] data) {

    /** Copies the shape and checks that it matches the number of values. */
    public Tensor {
      shape = List.copyOf(shape);
      if (shape.stream().reduce(1L, (a, b) -> a * b) != data.length) {
        throw new IllegalArgumentException(name + " has " + data.length + " values for " + shape);
      }
    }

    /** Returns the shape as DJL wants it. */
    public long[] dims() {
      return shape.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /**
   * Returns every parameter of a model as floats, in DJL's order.
   *
   * @throws IncompatibleModelException when the model's weights do not fit its architecture
   */
  public static List<Tensor> read(TrainedModel model) throws IncompatibleModelException {
    try (Model m = model.toModel(Device.cpu())) {
      return read(m.getBlock());
    }
  }

  /** Returns every parameter of an initialised block as floats, in DJL's order. */
  public static List<Tensor> read(Block block) {
    List<Tensor> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      var array = p.getValue().getArray();
      List<Long> shape = Arrays.stream(array.getShape().getShape()).boxed().toList();
      out.add(new Tensor(p.getKey(), shape, array.toType(DataType.FLOAT32, false).toFloatArray()));
    }
    return out;
  }

  /**
   * Returns the tensors held in DJL {@code saveParameters} bytes, read into a fresh network of
   * {@code arch}, after checking their names and shapes.
   *
   * @throws IncompatibleModelException in plain words when the bytes do not fit the architecture
   */
  public static List<Tensor> fromDjlBytes(ArchSpec arch, byte[] bytes)
      throws IncompatibleModelException {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Block block = Architectures.build(arch);
      block.initialize(manager, DataType.FLOAT32, new Shape(arch.batchShape(1)));
      List<TrainedModel.ParamInfo> expected = TrainedModel.describe(block);
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        block.loadParameters(manager, in);
        if (in.available() > 0) {
          throw new IncompatibleModelException(
              "This model file holds more weights than its architecture "
                  + arch.describe()
                  + " needs; the file is damaged or was edited.",
              null);
        }
      } catch (IOException | MalformedModelException | RuntimeException e) {
        throw new IncompatibleModelException(
            "This model file's weights could not be read ("
                + e.getMessage()
                + "); the file is damaged or was edited.",
            e);
      }
      List<Tensor> tensors = read(block);
      check(expected, tensors);
      return tensors;
    }
  }

  /**
   * Returns DJL {@code saveParameters} bytes holding {@code tensors} in a network of {@code arch},
   * after checking their names and shapes.
   *
   * @throws IncompatibleModelException in plain words when the tensors do not fit the architecture
   */
  public static byte[] toDjlBytes(ArchSpec arch, List<Tensor> tensors)
      throws IncompatibleModelException {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Block block = Architectures.build(arch);
      block.initialize(manager, DataType.FLOAT32, new Shape(arch.batchShape(1)));
      check(TrainedModel.describe(block), tensors);
      int i = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        p.getValue().getArray().set(FloatBuffer.wrap(tensors.get(i++).data()));
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        block.saveParameters(out);
      } catch (IOException e) {
        throw new IllegalStateException("could not serialise weights", e);
      }
      return bytes.toByteArray();
    }
  }

  /**
   * Checks that {@code actual} holds exactly the parameters the architecture needs, by name and
   * shape, in order.
   *
   * @throws IncompatibleModelException naming the first layer that differs
   */
  public static void check(List<TrainedModel.ParamInfo> expected, List<Tensor> actual)
      throws IncompatibleModelException {
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      TrainedModel.ParamInfo want = i < expected.size() ? expected.get(i) : null;
      Tensor have = i < actual.size() ? actual.get(i) : null;
      String problem = null;
      if (want == null) {
        problem =
            "it holds an extra layer '" + have.name() + "' that the architecture does not have";
      } else if (have == null) {
        problem = "layer '" + want.name() + "' is missing";
      } else if (!want.name().equals(have.name())) {
        problem =
            "it holds layer '"
                + have.name()
                + "' where the architecture needs '"
                + want.name()
                + "'";
      } else if (!want.shape().equals(have.shape())) {
        problem =
            "layer '"
                + want.name()
                + "' has shape "
                + have.shape()
                + " but the architecture needs "
                + want.shape();
      }
      if (problem != null) {
        throw new IncompatibleModelException(
            "This model file's weights do not match its architecture ("
                + problem
                + "); the file is damaged or was edited.",
            null);
      }
    }
  }
}
