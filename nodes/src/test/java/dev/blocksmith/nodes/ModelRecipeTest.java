package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model remembers the pipeline that made it, and {@code run MODEL} runs that recipe. */
class ModelRecipeTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void savedModelCarriesItsGraphAndRunsItAgain(@TempDir Path dir) throws Exception {
    Graph graph =
        new Graph(
            "Recipe",
            "",
            List.of(
                new Node("sample", "data.sample", 1, null, Map.of("size", F.numberNode(300))),
                Node.of("split", "prepare.split"),
                new Node("train", "train.train", 1, null, Map.of("epochs", F.numberNode(2))),
                new Node(
                    "save",
                    "output.save-model",
                    1,
                    null,
                    Map.of("file", F.textNode("spirals.bsmodel")))),
            List.of(
                Edge.of("sample.data", "split.data"),
                Edge.of("split.train", "train.train"),
                Edge.of("train.model", "save.model")),
            Layout.EMPTY,
            Map.of());
    try (EngineSession session =
        new EngineSession(NodeRegistry.loadDefault(), dir.resolve("runs"))) {
      assertThat(
              session
                  .start(graph, dir, new RunOptions(null, "cpu", null, false), e -> {})
                  .result()
                  .get(3, TimeUnit.MINUTES)
                  .success())
          .isTrue();
    }

    TrainedModel saved = ModelBundle.read(dir.resolve("spirals.bsmodel"));
    assertThat(saved.provenance().graphJson()).isEqualTo(GraphJson.write(graph));

    // Without a terminal to ask, the recipe is listed and not run unless the user adds --yes.
    ByteArrayOutputStream asked = new ByteArrayOutputStream();
    int refused =
        Cli.execute(
            NodeRegistry.loadDefault(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(asked, true, StandardCharsets.UTF_8),
            "run",
            dir.resolve("spirals.bsmodel").toString(),
            "--runs",
            dir.resolve("runs2").toString());
    assertThat(refused).isEqualTo(2);
    assertThat(asked.toString(StandardCharsets.UTF_8))
        .contains("carries the pipeline that made it")
        .contains("writes " + dir.toRealPath().resolve("spirals.bsmodel"))
        .contains("(Save model, \"Model file\")")
        .contains("Run it again with --yes");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadDefault(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            "run",
            dir.resolve("spirals.bsmodel").toString(),
            "--yes",
            "--device",
            "cpu",
            "--runs",
            dir.resolve("runs2").toString());
    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("train").contains("done");
  }
}
