package dev.blocksmith.editor.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.spi.Value;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Small previews of output values for the editor: a table's summary and first rows, a few image
 * thumbnails with class counts, a report in full. Runs in the worker; never ships whole datasets.
 */
public final class Previews {
  /** Rows of a table sent to the editor. */
  public static final int HEAD_ROWS = 20;

  /** Thumbnails of an image set sent to the editor. */
  public static final int THUMBS = 24;

  private Previews() {}

  /** Returns a preview of {@code value}. */
  public static ObjectNode of(Object value) {
    ObjectNode o = Protocol.JSON.createObjectNode();
    if (value instanceof Value v) {
      o.put("headline", v.headline());
    }
    if (value instanceof Table t) {
      o.put("kind", "table");
      o.put("rows", t.rowCount());
      ObjectNode summary = Protocol.JSON.valueToTree(t.summary());
      o.set("columns", summary.get("columns"));
      ArrayNode head = o.putArray("head");
      for (int r = 0; r < Math.min(HEAD_ROWS, t.rowCount()); r++) {
        ArrayNode row = head.addArray();
        for (Column c : t.columns()) {
          Object cell = cellText(c, r);
          row.add(cell == null ? null : cell.toString());
        }
      }
    } else if (value instanceof ImageSet s) {
      o.put("kind", "images");
      o.put("width", s.width());
      o.put("height", s.height());
      o.set("classNames", Protocol.JSON.valueToTree(s.classNames()));
      o.set("classCounts", Protocol.JSON.valueToTree(s.classCounts()));
      ArrayNode thumbs = o.putArray("thumbs");
      int step = Math.max(1, s.size() / THUMBS);
      for (int i = 0; i < s.size() && thumbs.size() < THUMBS; i += step) {
        ObjectNode t = thumbs.addObject();
        t.put("label", s.classNames().isEmpty() ? "" : s.classNames().get(s.label(i)));
        t.put("png", png(s, i));
      }
    } else if (value instanceof Report r) {
      o.put("kind", "report");
      o.set("report", Protocol.JSON.valueToTree(r));
    } else {
      o.put("kind", "other");
      if (!o.has("headline")) {
        o.put("headline", String.valueOf(value));
      }
    }
    return o;
  }

  private static Object cellText(Column c, int row) {
    return c.isMissing(row) ? null : c.format(row);
  }

  private static String png(ImageSet s, int i) {
    byte[] px = s.image(i);
    int w = s.width();
    int h = s.height();
    int ch = s.channels();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb;
        if (ch == 1) {
          int g = px[y * w + x] & 0xff;
          rgb = g << 16 | g << 8 | g;
        } else {
          int at = y * w + x;
          int plane = w * h;
          rgb = (px[at] & 0xff) << 16 | (px[plane + at] & 0xff) << 8 | (px[2 * plane + at] & 0xff);
        }
        img.setRGB(x, y, rgb);
      }
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
