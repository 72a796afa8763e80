package dev.blocksmith.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Preprocessing;
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

/** The command line never replaces the user's files and never prints escapes from files. */
class CliTrustTest {
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

  private Path model() throws Exception {
    ArchSpec spec = ArchSpec.mlp(List.of(1), List.of(), 2, ArchSpec.Task.CLASSIFICATION);
    Preprocessing pre =
        new Preprocessing(
            1,
            Preprocessing.Input.TABLE,
            List.of(
                new Preprocessing.ColumnStep(
                    "x", Preprocessing.Op.SCALE, 0, 0, 1, List.of(), false)),
            List.of(),
            "y",
            ArchSpec.Task.CLASSIFICATION,
            List.of("A", "B"),
            List.of(),
            0,
            1);
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      SequentialBlock block = Architectures.build(spec);
      block.initialize(m, DataType.FLOAT32, new Shape(spec.batchShape(1)));
      Path file = dir.resolve("m.bsmodel");
      ModelBundle.write(TrainedModel.capture(spec, block, pre, List.of(), null), file);
      return file;
    }
  }

  @Test
  void predictRefusesToWriteOverItsInput() throws Exception {
    Path model = model();
    Path data = dir.resolve("data.csv");
    Files.writeString(data, "x,y\n1,A\n");
    assertThat(cli("predict", model.toString(), data.toString(), "--out", data.toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("that is an input of this command");
    assertThat(Files.readString(data)).isEqualTo("x,y\n1,A\n");
    // Another spelling of the same file, through a link, is the same input.
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), data);
    assertThat(cli("predict", model.toString(), data.toString(), "--out", link.toString()))
        .isEqualTo(2);
    assertThat(cli("predict", model.toString(), data.toString(), "--out", model.toString()))
        .isEqualTo(2);
    assertThat(Files.size(model)).isGreaterThan(100);
  }

  @Test
  void predictRefusesToReplaceAFileItDidNotWriteUnlessAsked() throws Exception {
    Path model = model();
    Path data = dir.resolve("data.csv");
    Files.writeString(data, "x,y\n1,A\n");
    Path notes = dir.resolve("notes.csv");
    Files.writeString(notes, "my precious notes\n");
    assertThat(cli("predict", model.toString(), data.toString(), "--out", notes.toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Blocksmith did not write it. Add --overwrite");
    assertThat(Files.readString(notes)).isEqualTo("my precious notes\n");
  }

  @Test
  void terminalOutputHasNoEscapesFromFiles() throws Exception {
    Path graph = dir.resolve("g.json");
    Files.writeString(
        graph,
        "{\"formatVersion\": 2, \"nodes\": [{\"id\": \"a\\u001b]0;owned"
            + "\\u0007\\u001b[2J\", \"type\": \"evil\\u009b31m.block\"}]}");
    cli("validate", graph.toString());
    String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(all)
        .contains("owned")
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .doesNotContain("\u009b");
  }
}
