package dev.blocksmith.editor.view;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.UIManager;

/** A confusion matrix as a heat map: rows are the true class, columns the predicted class. */
public final class ConfusionMatrixView extends JComponent {
  private final List<String> names;
  private final int[][] counts;
  private final int max;

  /** Creates the view. */
  public ConfusionMatrixView(List<String> names, int[][] counts) {
    this.names = names;
    this.counts = counts;
    int m = 1;
    for (int[] row : counts) {
      for (int c : row) {
        m = Math.max(m, c);
      }
    }
    max = m;
    setName("confusionMatrix");
    setToolTipText("Rows: the true class. Columns: what the model predicted. The diagonal is right.");
    int n = Math.max(1, names.size());
    int cell = Math.max(28, Math.min(56, 320 / n));
    setPreferredSize(new Dimension(90 + n * cell, 50 + n * cell));
  }

  @Override
  protected void paintComponent(Graphics g0) {
    Graphics2D g = (Graphics2D) g0.create();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    int n = names.size();
    if (n == 0) {
      return;
    }
    int cell = Math.max(28, Math.min(56, 320 / n));
    int x0 = 90;
    int y0 = 36;
    Color fg = UIManager.getColor("Label.foreground");
    g.setFont(getFont().deriveFont(11f));
    g.setColor(fg);
    g.drawString("predicted →", x0, 12);
    for (int j = 0; j < n; j++) {
      g.drawString(shorten(names.get(j), cell), x0 + j * cell + 3, y0 - 6);
    }
    for (int i = 0; i < n; i++) {
      g.setColor(fg);
      g.drawString(shorten(names.get(i), 84), 4, y0 + i * cell + cell / 2 + 4);
      for (int j = 0; j < n && i < counts.length && j < counts[i].length; j++) {
        float t = counts[i][j] / (float) max;
        Color c = i == j ? new Color(0.13f, 0.55f, 0.33f, 0.15f + 0.85f * t)
            : new Color(0.86f, 0.15f, 0.15f, 0.08f + 0.85f * t);
        g.setColor(c);
        g.fillRect(x0 + j * cell, y0 + i * cell, cell - 2, cell - 2);
        g.setColor(t > 0.5 ? Color.WHITE : fg);
        g.setFont(getFont().deriveFont(Font.BOLD, 12f));
        String s = Integer.toString(counts[i][j]);
        int w = g.getFontMetrics().stringWidth(s);
        g.drawString(s, x0 + j * cell + (cell - w) / 2, y0 + i * cell + cell / 2 + 4);
        g.setFont(getFont().deriveFont(11f));
      }
    }
    g.dispose();
  }

  private String shorten(String s, int px) {
    int maxChars = Math.max(3, px / 7);
    return s.length() <= maxChars ? s : s.substring(0, maxChars - 1) + "…";
  }
}
