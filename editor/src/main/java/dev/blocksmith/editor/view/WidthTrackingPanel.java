package dev.blocksmith.editor.view;

import java.awt.Dimension;
import java.awt.Rectangle;
import javax.swing.JPanel;
import javax.swing.Scrollable;

/**
 * A panel inside a scroll pane that is always as wide as the viewport, so text wraps and charts use
 * the width there is, while it scrolls vertically.
 */
public class WidthTrackingPanel extends JPanel implements Scrollable {
  private static final long serialVersionUID = 1L;

  @Override
  public Dimension getPreferredScrollableViewportSize() {
    return getPreferredSize();
  }

  @Override
  public int getScrollableUnitIncrement(Rectangle r, int orientation, int direction) {
    return 16;
  }

  @Override
  public int getScrollableBlockIncrement(Rectangle r, int orientation, int direction) {
    return r.height;
  }

  @Override
  public boolean getScrollableTracksViewportWidth() {
    return true;
  }

  @Override
  public boolean getScrollableTracksViewportHeight() {
    return false;
  }
}
