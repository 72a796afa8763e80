package dev.blocksmith.editor.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.graph.GraphFormatException;
import dev.blocksmith.engine.graph.GraphJson;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A picture exported with the graph reads back as exactly the bytes a save writes; plain pictures,
 * other keywords, text that is not JSON and oversized or compressed-bomb chunks give a clear
 * message instead of a crash.
 */
class GraphPictureTest {
  private static final Path GRAPH = Path.of("..", "graphs", "house-prices.json");

  @TempDir Path tmp;

  private static BufferedImage image() {
    BufferedImage img = new BufferedImage(64, 40, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 4, 0xff8800);
    return img;
  }

  @Test
  void anExportedPictureReadsBackAsTheBytesASaveWrites() throws Exception {
    Graph g = GraphJson.read(GRAPH);
    g = g.withTitle(g.name(), "Prix des maisons — 住宅価格, with \"quotes\" and a\nnew line");
    Path png = tmp.resolve("pipeline.png");
    GraphPicture.write(image(), GraphJson.write(g), png);
    Path saved = tmp.resolve("saved.json");
    GraphFiles.save(g, saved);

    assertThat(ImageIO.read(png.toFile()).getRGB(3, 4) & 0xffffff).isEqualTo(0xff8800);
    assertThat(GraphPicture.readJson(png).getBytes(StandardCharsets.UTF_8))
        .isEqualTo(Files.readAllBytes(saved));
    assertThat(GraphJson.write(GraphPicture.readGraph(png))).isEqualTo(GraphJson.write(g));
    // compressed: the picture is much smaller than picture + JSON
    assertThat(Files.size(png)).isLessThan(Files.size(saved));
  }

  @Test
  void aPlainPictureSaysItHoldsNoPipeline() throws Exception {
    Path png = tmp.resolve("holiday.png");
    ImageIO.write(image(), "png", png.toFile());
    assertThatThrownBy(() -> GraphPicture.readGraph(png))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageStartingWith("This picture holds no Blocksmith pipeline")
        .hasMessageContaining("holiday.png");

    Path jpg = tmp.resolve("photo.jpg");
    ImageIO.write(image(), "jpg", jpg.toFile());
    assertThatThrownBy(() -> GraphPicture.readGraph(jpg))
        .hasMessageContaining("holds no Blocksmith pipeline")
        .hasMessageContaining("not a PNG");
    Path text = Files.writeString(tmp.resolve("fake.png"), "not a picture at all");
    assertThatThrownBy(() -> GraphPicture.readGraph(text))
        .hasMessageContaining("holds no Blocksmith pipeline");
  }

  @Test
  void hostileChunksGiveAClearMessage() throws Exception {
    String json = GraphJson.write(GraphJson.read(GRAPH));
    Path other = withText("other.png", "comfyui-workflow", json, true);
    assertThatThrownBy(() -> GraphPicture.readGraph(other))
        .hasMessageContaining("holds no Blocksmith pipeline");

    Path notJson = withText("broken.png", GraphPicture.KEYWORD, "{\"nodes\": [ oops", true);
    assertThatThrownBy(() -> GraphPicture.readGraph(notJson))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("broken.png")
        .hasMessageContaining("damaged")
        .hasMessageContaining("not valid JSON");

    String spaces = " ".repeat(20 * 1024 * 1024);
    Path bomb = withText("bomb.png", GraphPicture.KEYWORD, spaces, true);
    assertThat(Files.size(bomb)).isLessThan(200_000);
    assertThatThrownBy(() -> GraphPicture.readGraph(bomb))
        .hasMessageContaining("holds no Blocksmith pipeline")
        .hasMessageContaining("inflates to more than");

    String sevenMb = " ".repeat(7 * 1024 * 1024);
    Path many =
        withText(
            "many.png",
            List.of("a", "b", "c", GraphPicture.KEYWORD),
            List.of(sevenMb, sevenMb, sevenMb, json));
    assertThatThrownBy(() -> GraphPicture.readGraph(many))
        .hasMessageContaining("holds no Blocksmith pipeline")
        .hasMessageContaining("text chunks together hold more than");

    Path huge = withText("huge.png", GraphPicture.KEYWORD, "x".repeat(5 * 1024 * 1024), false);
    assertThatThrownBy(() -> GraphPicture.readGraph(huge))
        .hasMessageContaining("holds no Blocksmith pipeline")
        .hasMessageContaining("text chunk is");
  }

  /** Writes a PNG with one iTXt entry through ImageIO, as another program might. */
  private Path withText(String name, String keyword, String text, boolean compressed)
      throws Exception {
    return withText(name, List.of(keyword), List.of(text), compressed);
  }

  private Path withText(String name, List<String> keywords, List<String> texts) throws Exception {
    return withText(name, keywords, texts, true);
  }

  private Path withText(String name, List<String> keywords, List<String> texts, boolean compressed)
      throws Exception {
    BufferedImage img = image();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    var param = writer.getDefaultWriteParam();
    IIOMetadata meta =
        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
    IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
    for (int i = 0; i < keywords.size(); i++) {
      IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
      entry.setAttribute("keyword", keywords.get(i));
      entry.setAttribute("compressionFlag", compressed ? "TRUE" : "FALSE");
      entry.setAttribute("compressionMethod", "0");
      entry.setAttribute("languageTag", "");
      entry.setAttribute("translatedKeyword", "");
      entry.setAttribute("text", texts.get(i));
      itxt.appendChild(entry);
    }
    IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
    root.appendChild(itxt);
    meta.mergeTree("javax_imageio_png_1.0", root);
    Path file = tmp.resolve(name);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(img, null, meta), param);
    } finally {
      writer.dispose();
    }
    return file;
  }
}
