package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.data.samples.Digits;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's picture folder (one sub-folder per class, plus a corrupt file and a text file) goes
 * through Load images → Split → Train (CNN) → Evaluate: the bad files are reported, not fatal, and
 * the model learns.
 */
class ImageFolderPipelineTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void trainsACnnFromAFolderAndReportsTheBadFiles(@TempDir Path dir) throws Exception {
    Path pictures = dir.resolve("pictures");
    ImageSet digits = new Digits().generate(900, 0.05, 3);
    for (int i = 0; i < digits.size(); i++) {
      int label = digits.label(i);
      if (label > 2) {
        continue; // three classes keep the test quick
      }
      Path classDir = Files.createDirectories(pictures.resolve("digit-" + label));
      ImageIO.write(
          toImage(digits.image(i), digits.width(), digits.height()),
          "png",
          classDir.resolve("img-" + i + ".png").toFile());
    }
    Files.write(
        pictures.resolve("digit-0").resolve("broken.png"),
        new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    Files.writeString(pictures.resolve("digit-1").resolve("notes.txt"), "not a picture");

    Graph graph =
        new Graph(
            "Pictures",
            "",
            List.of(
                new Node(
                    "load", "data.load-images", 1, null, Map.of("folder", F.textNode("pictures"))),
                Node.of("split", "prepare.split"),
                new Node(
                    "train",
                    "train.train",
                    1,
                    null,
                    Map.of("architecture", F.textNode("cnn"), "epochs", F.numberNode(10))),
                Node.of("evaluate", "evaluate.evaluate")),
            List.of(
                Edge.of("load.images", "split.data"),
                Edge.of("split.train", "train.train"),
                Edge.of("split.validation", "train.validation"),
                Edge.of("train.model", "evaluate.model"),
                Edge.of("split.test", "evaluate.data")),
            Layout.EMPTY,
            Map.of());

    try (EngineSession session =
        new EngineSession(NodeRegistry.loadDefault(), dir.resolve("runs"))) {
      assertThat(session.validate(graph, dir)).isEmpty();
      RunResult result =
          session
              .start(graph, dir, new RunOptions(null, "cpu", null, false), e -> {})
              .result()
              .get(5, TimeUnit.MINUTES);
      assertThat(result.messages()).isEmpty();
      assertThat(result.statuses())
          .containsValues(NodeStatus.DONE)
          .doesNotContainValue(NodeStatus.FAILED);

      ImageSet loaded = (ImageSet) result.output("load", "images");
      assertThat(loaded.classNames()).containsExactly("digit-0", "digit-1", "digit-2");
      assertThat(loaded.skipped())
          .hasSize(2)
          .anySatisfy(s -> assertThat(s).contains("broken.png"))
          .anySatisfy(s -> assertThat(s).contains("notes.txt"));

      Report report = (Report) result.output("evaluate", "report");
      assertThat(report.metrics().get("accuracy")).isGreaterThan(0.8);
    }
  }

  private static BufferedImage toImage(byte[] gray, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = gray[y * w + x] & 0xFF;
        img.getRaster().setSample(x, y, 0, v);
      }
    }
    return img;
  }
}
