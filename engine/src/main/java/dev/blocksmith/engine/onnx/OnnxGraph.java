package dev.blocksmith.engine.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A small builder over the ONNX protobuf classes: nodes with fresh output names, initializers
 * (weights and constants) and typed graph inputs and outputs. Nothing here knows about Blocksmith
 * models; {@link OnnxExport} says what to build.
 */
final class OnnxGraph {
  /** The ONNX domain of the traditional-ML operators (LabelEncoder). */
  static final String ML_DOMAIN = "ai.onnx.ml";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private int counter;

  OnnxGraph(String name) {
    graph.setName(name);
  }

  /** Returns the finished graph. */
  GraphProto build() {
    return graph.build();
  }

  /** Returns a name not used before, starting with {@code hint}. */
  String fresh(String hint) {
    return hint + "_" + counter++;
  }

  /**
   * Adds a node with one output and returns the output's name.
   *
   * @param op the operator type ("Gemm")
   * @param inputs input names, in the operator's order
   * @param attributes attributes made with {@link #ints}, {@link #i}, {@link #f}, ...
   */
  String op(String op, List<String> inputs, AttributeProto... attributes) {
    return opInDomain("", op, inputs, attributes);
  }

  /** Adds a node of {@code domain} with one output and returns the output's name. */
  String opInDomain(String domain, String op, List<String> inputs, AttributeProto... attributes) {
    String out = fresh(op.toLowerCase(java.util.Locale.ROOT));
    opNamed(domain, op, inputs, out, attributes);
    return out;
  }

  /** Adds a node whose one output has the given name (a graph output, for instance). */
  void opNamed(
      String domain, String op, List<String> inputs, String output, AttributeProto... attributes) {
    NodeProto.Builder n =
        NodeProto.newBuilder()
            .setOpType(op)
            .setName(fresh("n_" + op))
            .addAllInput(inputs)
            .addOutput(output);
    if (!domain.isEmpty()) {
      n.setDomain(domain);
    }
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
  }

  /** Adds a float32 initializer and returns its name. */
  String floats(String name, float[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return raw(name, TensorProto.DataType.FLOAT, b.array(), dims);
  }

  /** Adds a float64 initializer and returns its name. */
  String doubles(String name, double[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(values);
    return raw(name, TensorProto.DataType.DOUBLE, b.array(), dims);
  }

  /** Adds an int64 initializer and returns its name. */
  String longs(String name, long[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return raw(name, TensorProto.DataType.INT64, b.array(), dims);
  }

  /** Adds an int8 initializer and returns its name. */
  String int8s(String name, byte[] values, long... dims) {
    return raw(name, TensorProto.DataType.INT8, values, dims);
  }

  private String raw(String name, TensorProto.DataType type, byte[] bytes, long... dims) {
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(type.getNumber())
            .setRawData(ByteString.copyFrom(bytes));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  /** Adds a graph input of {@code type} and shape (a negative dimension is the batch "N"). */
  void input(String name, TensorProto.DataType type, String doc, long... dims) {
    graph.addInput(valueInfo(name, type, doc, dims));
  }

  /** Adds a graph output of {@code type} and shape (a negative dimension is the batch "N"). */
  void output(String name, TensorProto.DataType type, String doc, long... dims) {
    graph.addOutput(valueInfo(name, type, doc, dims));
  }

  private static ValueInfoProto valueInfo(
      String name, TensorProto.DataType type, String doc, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(
          d < 0
              ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
              : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    TypeProto t =
        TypeProto.newBuilder()
            .setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))
            .build();
    return ValueInfoProto.newBuilder().setName(name).setType(t).setDocString(doc).build();
  }

  /** Returns an integer attribute. */
  static AttributeProto i(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
  }

  /** Returns a float attribute. */
  static AttributeProto f(String name, float value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeType.FLOAT)
        .setF(value)
        .build();
  }

  /** Returns a string attribute. */
  static AttributeProto s(String name, String value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value))
        .build();
  }

  /** Returns an integer-list attribute. */
  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  /** Returns a string-list attribute. */
  static AttributeProto strings(String name, List<String> values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
    values.forEach(v -> a.addStrings(ByteString.copyFromUtf8(v)));
    return a.build();
  }
}
