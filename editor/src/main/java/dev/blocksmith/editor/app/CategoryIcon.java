package dev.blocksmith.editor.app;

import dev.blocksmith.editor.theme.Themes;
import dev.blocksmith.engine.spi.Category;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Locale;
import javax.swing.Icon;

/** A small rounded square in the category's colour with its initial: the block's icon. */
final class CategoryIcon implements Icon {
  private final Category category;
  private final int size;

  CategoryIcon(Category category, int size) {
    this.category = category;
    this.size = size;
  }

  @Override
  public void paintIcon(Component c, Graphics g, int x, int y) {
    Graphics2D g2 = (Graphics2D) g.create();
    g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g2.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g2.setColor(
        Themes.color(
            "Blocksmith.category." + category.name().toLowerCase(Locale.ROOT), Color.GRAY));
    g2.fillRoundRect(x, y, size, size, 6, 6);
    g2.setColor(Color.WHITE);
    g2.setFont(c.getFont().deriveFont(Font.BOLD, size * 0.55f));
    String s = category.label().substring(0, 1);
    int w = g2.getFontMetrics().stringWidth(s);
    g2.drawString(s, x + (size - w) / 2f, y + size * 0.72f);
    g2.dispose();
  }

  @Override
  public int getIconWidth() {
    return size;
  }

  @Override
  public int getIconHeight() {
    return size;
  }
}
