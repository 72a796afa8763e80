package dev.blocksmith.engine.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;
import java.util.Random;

/**
 * Writes small picture networks as ONNX for tests, with the same protobuf builder the exporter
 * uses: pixels {@code [N, C, S, S]} → Flatten → Gemm with seeded random weights → Relu → features
 * {@code [N, D]}. A random projection keeps enough of a small picture for a linear head to learn.
 */
public final class TinyBackbones {
  private TinyBackbones() {}

  /** Returns the bytes of an ONNX network reading {@code channels × size × size} pictures. */
  public static byte[] onnx(int channels, int size, int dimensions, long seed) {
    OnnxGraph g = new OnnxGraph("tiny-backbone");
    g.input("pixels", DataType.FLOAT, "pictures, normalised", -1, channels, size, size);
    int in = channels * size * size;
    Random random = new Random(seed);
    float[] w = new float[dimensions * in];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (random.nextGaussian() / Math.sqrt(in));
    }
    String weights = g.floats("w", w, dimensions, in);
    String bias = g.floats("b", new float[dimensions], dimensions);
    String flat = g.op("Flatten", List.of("pixels"), OnnxGraph.i("axis", 1));
    String gemm = g.op("Gemm", List.of(flat, weights, bias), OnnxGraph.i("transB", 1));
    g.opNamed("", "Relu", List.of(gemm), "features");
    g.output("features", DataType.FLOAT, "the picture's numbers", -1, dimensions);
    return ModelProto.newBuilder()
        .setIrVersion(OnnxExport.IR_VERSION)
        .setProducerName("Blocksmith tests")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExport.OPSET))
        .setGraph(g.build())
        .build()
        .toByteArray();
  }
}
