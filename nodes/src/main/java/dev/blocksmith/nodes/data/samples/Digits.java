package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.ImageSet;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Handwriting-like digits 0–9 as 28×28 grayscale images (white on black, like MNIST), drawn with
 * Java2D in the five logical fonts and three styles at varied sizes, rotations, stroke widths and
 * positions, plus pixel noise. Noise 1 adds Gaussian pixel noise of standard deviation 64 (of 255).
 * Drawing happens on an off-screen image: no window is opened.
 */
public final class Digits implements SampleGenerator {
  private static final int SIDE = 28;
  private static final String[] FONTS = {
    "Serif", "SansSerif", "Monospaced", "Dialog", "DialogInput"
  };
  private static final int[] STYLES = {Font.PLAIN, Font.BOLD, Font.ITALIC};
  private static final List<String> CLASSES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  @Override
  public String id() {
    return "digits";
  }

  @Override
  public String label() {
    return "Digits 0–9 (28×28 grayscale images)";
  }

  @Override
  public PortType outputType() {
    return PortType.IMAGES;
  }

  @Override
  public ImageSet generate(int size, double noise, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[size * SIDE * SIDE];
    int[] labels = new int[size];
    List<String> sources = new ArrayList<>(size);
    BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
    byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < size; i++) {
      int digit = i % 10;
      String font = FONTS[random.nextInt(FONTS.length)];
      int style = STYLES[random.nextInt(STYLES.length)];
      draw(image, digit, new Font(font, style, 18 + random.nextInt(7)), random);
      for (int p = 0; p < raster.length; p++) {
        double v = (raster[p] & 0xFF) + random.nextGaussian() * noise * 64;
        pixels[i * raster.length + p] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
      labels[i] = digit;
      sources.add("digits #" + i + " (" + font + ")");
    }
    return new ImageSet(SIDE, SIDE, 1, CLASSES, labels, pixels, sources, List.of());
  }

  private static void draw(BufferedImage image, int digit, Font font, Random random) {
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, SIDE, SIDE);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      FontRenderContext frc = g.getFontRenderContext();
      GlyphVector glyph = font.createGlyphVector(frc, Integer.toString(digit));
      Shape outline = glyph.getOutline();
      Rectangle2D box = outline.getBounds2D();
      AffineTransform at = new AffineTransform();
      at.translate(
          SIDE / 2.0 + random.nextGaussian() * 1.5, SIDE / 2.0 + random.nextGaussian() * 1.5);
      at.rotate(Math.toRadians(random.nextGaussian() * 8));
      at.translate(-box.getCenterX(), -box.getCenterY());
      Shape placed = at.createTransformedShape(outline);
      g.setColor(Color.getHSBColor(0, 0, (200 + random.nextInt(56)) / 255f));
      g.fill(placed);
      float stroke = random.nextFloat() * 1.5f;
      if (stroke > 0.3f) {
        g.setStroke(new BasicStroke(stroke));
        g.draw(placed);
      }
    } finally {
      g.dispose();
    }
  }
}
