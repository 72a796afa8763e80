package dev.blocksmith.editor.theme;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import javax.swing.Icon;

/**
 * Small toolbar glyphs drawn with Java2D, so they stay sharp at any scale and follow the theme's
 * text colour. Run glyphs use the theme's status colours.
 */
public final class ToolIcon implements Icon {
  /** The glyphs the toolbar uses. */
  public enum Glyph {
    NEW,
    OPEN,
    SAVE,
    UNDO,
    REDO,
    ADD,
    TIDY,
    FIT,
    RUN,
    RUN_TO,
    STOP
  }

  private static final int SIZE = 16;
  private final Glyph glyph;

  /** Creates the icon for {@code glyph}. */
  public ToolIcon(Glyph glyph) {
    this.glyph = glyph;
  }

  @Override
  public int getIconWidth() {
    return SIZE;
  }

  @Override
  public int getIconHeight() {
    return SIZE;
  }

  @Override
  public void paintIcon(Component c, Graphics g0, int x, int y) {
    Graphics2D g = (Graphics2D) g0.create();
    g.translate(x, y);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Color fg =
        c != null && !c.isEnabled()
            ? Themes.color("Label.disabledForeground", Color.GRAY)
            : Themes.color("Label.foreground", Color.DARK_GRAY);
    g.setColor(fg);
    switch (glyph) {
      case NEW -> {
        g.drawPolygon(new int[] {3, 10, 13, 13, 3}, new int[] {1, 1, 4, 15, 15}, 5);
        g.drawLine(10, 1, 10, 4);
        g.drawLine(10, 4, 13, 4);
      }
      case OPEN -> {
        g.drawPolygon(new int[] {1, 6, 8, 15, 15, 1}, new int[] {3, 3, 5, 5, 14, 14}, 6);
        g.drawLine(1, 7, 15, 7);
      }
      case SAVE -> {
        g.drawRoundRect(2, 2, 12, 12, 2, 2);
        g.drawRect(5, 2, 6, 4);
        g.fillRect(5, 10, 6, 4);
      }
      case UNDO, REDO -> {
        if (glyph == Glyph.REDO) {
          g.scale(-1, 1);
          g.translate(-SIZE, 0);
        }
        Path2D p = new Path2D.Double();
        p.moveTo(4, 6);
        p.lineTo(10, 6);
        p.curveTo(15, 6, 15, 14, 10, 14);
        p.lineTo(6, 14);
        g.draw(p);
        g.fillPolygon(new int[] {1, 6, 6}, new int[] {6, 2, 10}, 3);
      }
      case ADD -> {
        g.drawRoundRect(1, 1, 14, 14, 4, 4);
        g.drawLine(8, 4, 8, 12);
        g.drawLine(4, 8, 12, 8);
      }
      case TIDY -> {
        for (int i = 0; i < 3; i++) {
          g.fillRoundRect(1 + i * 5, 5, 4, 6, 1, 1);
        }
      }
      case FIT -> {
        g.drawPolyline(new int[] {1, 1, 5}, new int[] {5, 1, 1}, 3);
        g.drawPolyline(new int[] {11, 15, 15}, new int[] {1, 1, 5}, 3);
        g.drawPolyline(new int[] {1, 1, 5}, new int[] {11, 15, 15}, 3);
        g.drawPolyline(new int[] {11, 15, 15}, new int[] {15, 15, 11}, 3);
      }
      case RUN -> {
        g.setColor(enabled(c, "Blocksmith.status.done", fg));
        g.fillPolygon(new int[] {3, 14, 3}, new int[] {1, 8, 15}, 3);
      }
      case RUN_TO -> {
        g.setColor(enabled(c, "Blocksmith.status.done", fg));
        g.fillPolygon(new int[] {1, 10, 1}, new int[] {2, 8, 14}, 3);
        g.fillRect(12, 2, 3, 12);
      }
      case STOP -> {
        g.setColor(enabled(c, "Blocksmith.status.failed", fg));
        g.fillRoundRect(2, 2, 12, 12, 3, 3);
      }
      default -> {}
    }
    g.dispose();
  }

  private static Color enabled(Component c, String key, Color disabled) {
    return c != null && !c.isEnabled() ? disabled : Themes.color(key, disabled);
  }
}
