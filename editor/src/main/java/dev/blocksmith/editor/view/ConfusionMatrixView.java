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
  private static final int LEFT = 90;
  private static final int TOP = 40;

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
    setToolTipText(
        "Rows: the true class. Columns: what the model predicted. The diagonal is right.");
    int n = Math.max(1, names.size());
    int cell = Math.max(28, Math.min(64, 360 / n));
    setPreferredSize(new Dimension(LEFT + n * cell + 8, TOP + n * cell + 8));
    int least = Math.max(16, Math.min(cell, 120 / n));
    setMinimumSize(new Dimension(LEFT + n * least + 8, TOP + n * least + 8));
  }

  /** Calls {@code onCell} with (true class, predicted class) when a cell is clicked. */
  public void onCellClicked(java.util.function.BiConsumer<Integer, Integer> onCell) {
    setToolTipText(getToolTipText() + " Click a cell to see its examples.");
    setCursor(java.awt.Cursor.getPredefinedCursor(java.awt.Cursor.HAND_CURSOR));
    addMouseListener(
        new java.awt.event.MouseAdapter() {
          @Override
          public void mouseClicked(java.awt.event.MouseEvent e) {
            int[] c = cellAt(e.getX(), e.getY());
            if (c != null) {
              onCell.accept(c[0], c[1]);
            }
          }
        });
  }

  /** Returns {true class, predicted class} under a point, or null. */
  public int[] cellAt(int x, int y) {
    int n = names.size();
    if (n == 0) {
      return null;
    }
    int cell = cellSize(n);
    int j = Math.floorDiv(x - LEFT, cell);
    int i = Math.floorDiv(y - TOP, cell);
    return i >= 0 && j >= 0 && i < n && j < n ? new int[] {i, j} : null;
  }

  /** Returns the centre of cell (true class {@code i}, predicted {@code j}) in this view. */
  public java.awt.Point cellCentre(int i, int j) {
    int cell = cellSize(Math.max(1, names.size()));
    return new java.awt.Point(LEFT + j * cell + cell / 2, TOP + i * cell + cell / 2);
  }

  /** Returns the side of one cell so that the matrix fits the component's current size. */
  private int cellSize(int n) {
    int byWidth = (getWidth() - LEFT - 8) / n;
    int byHeight = (getHeight() - TOP - 8) / n;
    return Math.max(12, Math.min(72, Math.min(byWidth, byHeight)));
  }

  @Override
  protected void paintComponent(Graphics g0) {
    Graphics2D g = (Graphics2D) g0.create();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    int n = names.size();
    if (n == 0) {
      return;
    }
    int cell = cellSize(n);
    int x0 = LEFT;
    int y0 = TOP;
    Color fg = UIManager.getColor("Label.foreground");
    g.setFont(getFont().deriveFont(11f));
    g.setColor(fg);
    g.drawString("predicted →", x0, 14);
    for (int j = 0; j < n; j++) {
      g.drawString(shorten(names.get(j), cell), x0 + j * cell + 3, y0 - 6);
    }
    for (int i = 0; i < n; i++) {
      g.setColor(fg);
      g.drawString(shorten(names.get(i), LEFT - 6), 4, y0 + i * cell + cell / 2 + 4);
      for (int j = 0; j < n && i < counts.length && j < counts[i].length; j++) {
        float t = counts[i][j] / (float) max;
        Color c =
            i == j
                ? new Color(0.13f, 0.55f, 0.33f, 0.15f + 0.85f * t)
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
