package dev.blocksmith.nodes.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.ImageSet;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadImagesTest {
  @TempDir Path dir;
  private final LoadImages block = new LoadImages();
  private final TestContext ctx = new TestContext("test").withBaseDir(Path.of("."));

  private static void png(Path file, int side, int gray) throws Exception {
    BufferedImage img = new BufferedImage(side, side + 3, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < side; x++) {
        img.setRGB(x, y, gray << 16 | gray << 8 | gray);
      }
    }
    ImageIO.write(img, "png", file.toFile());
  }

  private ImageSet load(String colour) throws Exception {
    Params p =
        Params.of(
            block.spec(),
            Map.of(
                LoadImages.FOLDER.name(),
                JsonNodeFactory.instance.textNode(dir.toString()),
                LoadImages.SIZE.name(),
                JsonNodeFactory.instance.numberNode(8),
                LoadImages.COLOUR.name(),
                JsonNodeFactory.instance.textNode(colour)));
    return (ImageSet) block.execute(new Inputs("n1", Map.of()), p, ctx).get("images");
  }

  @Test
  void loadsClassFoldersAndListsBadFiles() throws Exception {
    String[] classes = {"circle", "square", "star"};
    for (int k = 0; k < classes.length; k++) {
      Path c = Files.createDirectories(dir.resolve(classes[k]));
      for (int i = 0; i < 100; i++) {
        png(c.resolve(String.format("%03d.png", i)), 6 + i % 30, 40 + 80 * k);
      }
    }
    Path broken = dir.resolve("star/broken.png");
    png(broken, 30, 9);
    byte[] whole = Files.readAllBytes(broken);
    Files.write(broken, java.util.Arrays.copyOf(whole, whole.length / 2)); // cut off mid-file
    Files.writeString(dir.resolve("square/notes.txt"), "not a picture");
    // A tiny PNG whose header claims 30,000 × 30,000 pixels (a decompression bomb).
    Path bomb = dir.resolve("circle/huge.png");
    png(bomb, 2, 0);
    byte[] bytes = Files.readAllBytes(bomb);
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    header.putInt(16, 30_000).putInt(20, 30_000);
    CRC32 crc = new CRC32();
    crc.update(bytes, 12, 17);
    header.putInt(29, (int) crc.getValue());
    Files.write(bomb, bytes);

    ImageSet set = load("grayscale");
    assertThat(set.size()).isEqualTo(300);
    assertThat(set.classNames()).containsExactly("circle", "square", "star");
    assertThat(set.classCounts()).containsExactly(100, 100, 100);
    assertThat(set.width()).isEqualTo(8);
    assertThat(set.image(0)).hasSize(64).containsOnly((byte) 40);
    assertThat(set.image(299)[0] & 0xFF).isEqualTo(200);
    assertThat(set.skipped()).hasSize(3);
    assertThat(String.join("\n", set.skipped()))
        .contains("star/broken.png could not be decoded")
        .contains("square/notes.txt is not a PNG, JPEG, BMP or GIF image")
        .contains("circle/huge.png claims to be 30,000×30,000 pixels");
    assertThat(ctx.logText())
        .contains("Skipped 3 files")
        .contains("Loaded 300 images in 3 classes (circle: 100, square: 100, star: 100)");
  }

  @Test
  void colourKeepsThreeChannels() throws Exception {
    for (String c : new String[] {"a", "b"}) {
      png(Files.createDirectories(dir.resolve(c)).resolve("1.png"), 20, 10);
    }
    ImageSet set = load("colour");
    assertThat(set.channels()).isEqualTo(3);
    assertThat(set.image(0)).hasSize(3 * 64);
  }

  @Test
  void oneClassIsAClearError() throws Exception {
    png(Files.createDirectories(dir.resolve("only")).resolve("1.png"), 9, 1);
    assertThatThrownBy(() -> load("grayscale"))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("Only one class of images was found (only)");
  }

  @Test
  void noImagesIsAClearError() throws Exception {
    Files.writeString(Files.createDirectories(dir.resolve("x")).resolve("a.txt"), "x");
    assertThatThrownBy(() -> load("grayscale"))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("No readable images were found");
  }

  @Test
  void unsortedPicturesLoadWithoutAnswersForPredict() throws Exception {
    png(dir.resolve("a.png"), 9, 10);
    png(dir.resolve("b.png"), 9, 200);
    ImageSet set = load("grayscale");
    assertThat(set.size()).isEqualTo(2);
    assertThat(set.classNames()).containsExactly(LoadImages.UNSORTED);
    assertThat(set.sources()).containsExactly("a.png", "b.png");
    assertThat(ctx.logText()).contains("not sorted into class folders").contains("Predict");
  }
}
