package dev.blocksmith.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Provenance;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.testing.TestBlocks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blocksmith export MODEL --onnx OUT.onnx [--int8]} writes a file ONNX can parse. */
class ExportCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int cli(String... args) {
    return Cli.execute(
        new TestBlocks().registry(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  private Path savedModel() throws Exception {
    ArchSpec spec = ArchSpec.mlp(List.of(4), List.of(8), 2, ArchSpec.Task.CLASSIFICATION);
    Preprocessing pre =
        new Preprocessing(
            1,
            Preprocessing.Input.TABLE,
            List.of(
                new Preprocessing.ColumnStep(
                    "x", Preprocessing.Op.ONE_HOT, 0, 0, 1, List.of("a", "b", "c"), true)),
            List.of(),
            "y",
            ArchSpec.Task.CLASSIFICATION,
            List.of("no", "yes"),
            List.of(),
            0,
            1);
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock block = Architectures.build(spec);
      block.initialize(m, DataType.FLOAT32, new Shape(spec.batchShape(1)));
      TrainedModel model =
          TrainedModel.capture(
              spec, block, pre, List.of(), new Provenance(1, "cpu()", "", "", "", 1, 1, null));
      Path file = dir.resolve("m.bsmodel");
      ModelBundle.write(model, file);
      return file;
    }
  }

  @Test
  void writesFloat32AndInt8Files() throws Exception {
    Path model = savedModel();
    Path f32 = dir.resolve("m.onnx");
    assertThat(cli("export", model.toString(), "--onnx", f32.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("weights float32");
    Path i8 = dir.resolve("m8.onnx");
    assertThat(cli("export", model.toString(), "--onnx", i8.toString(), "--int8")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("weights int8");
    assertThat(ModelProto.parseFrom(Files.readAllBytes(i8)).getGraph().getNodeList())
        .anyMatch(n -> n.getOpType().equals("DequantizeLinear"));
  }

  @Test
  void refusesBadArgumentsWithAPlainMessage() throws Exception {
    Path model = savedModel();
    assertThat(cli("export", model.toString(), "--onnx", dir.resolve("m.txt").toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("should end with .onnx");
    assertThat(
            cli(
                "export",
                dir.resolve("missing.bsmodel").toString(),
                "--onnx",
                dir.resolve("m.onnx").toString()))
        .isEqualTo(2);
    assertThat(
            cli(
                "export",
                model.toString(),
                "--onnx",
                dir.resolve("m.onnx").toString(),
                "--int8",
                "--float32"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not both");
  }
}
