package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.testing.TestGraphs;
import dev.blocksmith.engine.value.ImageSet;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10's two stale-cache findings, through the real blocks in one session. */
class FreshnessGraphsTest {
  private static final RunOptions CPU = new RunOptions(Set.of(), "cpu", null, false);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static void png(Path file, int gray) throws Exception {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        img.setRGB(x, y, gray << 16 | gray << 8 | gray);
      }
    }
    ImageIO.write(img, "png", file.toFile());
  }

  /** Runs the graph and returns the ids of the nodes that really ran (not from the cache). */
  private static List<String> run(EngineSession s, Graph g, Path base) throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    boolean ok =
        s.start(
                g,
                base,
                CPU,
                e -> {
                  if (e instanceof RunEvent.NodeFinished f) {
                    ran.add(f.nodeId());
                  }
                })
            .result()
            .get(120, TimeUnit.SECONDS)
            .success();
    assertThat(ok).isTrue();
    return ran;
  }

  @Test
  void addingPicturesToALoadImagesFolderReRunsItInTheSameSession(@TempDir Path dir)
      throws Exception {
    for (String c : List.of("dark", "light")) {
      Files.createDirectories(dir.resolve("pics").resolve(c));
      png(dir.resolve("pics").resolve(c).resolve("1.png"), c.equals("dark") ? 20 : 230);
    }
    Graph g =
        TestGraphs.of("g")
            .node(
                "load",
                "data.load-images",
                Map.<String, JsonNode>of(
                    "folder", JSON.textNode("pics"), "size", JSON.numberNode(8)))
            .build();
    try (EngineSession s = new EngineSession(NodeRegistry.loadDefault(), dir.resolve("runs"))) {
      assertThat(run(s, g, dir)).containsExactly("load");
      assertThat(run(s, g, dir)).isEmpty();
      png(dir.resolve("pics/dark/2.png"), 30);
      assertThat(run(s, g, dir)).containsExactly("load");
      ImageSet images = (ImageSet) s.cachedOutputs(g, dir, CPU, "load").orElseThrow().get("images");
      assertThat(images.size()).isEqualTo(3);
    }
  }

  @Test
  void deletingTheFileSaveModelWroteAndRunningAgainRewritesIt(@TempDir Path dir) throws Exception {
    Graph g =
        TestGraphs.of("g")
            .node("base", "model.pretrained")
            .node(
                "save",
                "output.save-model",
                Map.<String, JsonNode>of("file", JSON.textNode("digits.bsmodel")))
            .edge("base.model", "save.model")
            .build();
    Path file = dir.resolve("digits.bsmodel");
    try (EngineSession s = new EngineSession(NodeRegistry.loadDefault(), dir.resolve("runs"))) {
      assertThat(run(s, g, dir)).containsExactly("base", "save");
      assertThat(file).exists();
      assertThat(run(s, g, dir)).isEmpty();
      Files.delete(file);
      assertThat(run(s, g, dir)).containsExactly("save");
      assertThat(file).exists();
    }
  }

  @Test
  void deletingTheFileExportToOnnxWroteAndRunningAgainRewritesIt(@TempDir Path dir)
      throws Exception {
    Graph g =
        TestGraphs.of("g")
            .node("base", "model.pretrained")
            .node(
                "export",
                "output.export-onnx",
                Map.<String, JsonNode>of("file", JSON.textNode("digits.onnx")))
            .edge("base.model", "export.model")
            .build();
    Path file = dir.resolve("digits.onnx");
    try (EngineSession s = new EngineSession(NodeRegistry.loadDefault(), dir.resolve("runs"))) {
      assertThat(run(s, g, dir)).containsExactly("base", "export");
      assertThat(file).exists();
      assertThat(run(s, g, dir)).isEmpty();
      Files.delete(file);
      assertThat(run(s, g, dir)).containsExactly("export");
      assertThat(file).exists();
    }
  }
}
