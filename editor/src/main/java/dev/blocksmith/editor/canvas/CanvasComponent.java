package dev.blocksmith.editor.canvas;

import com.mxgraph.canvas.mxGraphics2DCanvas;
import com.mxgraph.canvas.mxICanvas;
import com.mxgraph.swing.handler.mxConnectionHandler;
import com.mxgraph.swing.mxGraphComponent;
import com.mxgraph.util.mxRectangle;
import com.mxgraph.view.mxCellState;
import java.awt.event.MouseEvent;

/**
 * The JGraphX component, with a connection handler that explains refused connections and a graph
 * control that skips what lies outside the area being painted.
 */
final class CanvasComponent extends mxGraphComponent {
  /**
   * Whether cards and edges outside the painted area are skipped before JGraphX reads their styles;
   * {@code -Dblocksmith.canvasCulling=false} paints the way JGraphX does (to compare).
   */
  static boolean culling =
      Boolean.parseBoolean(System.getProperty("blocksmith.canvasCulling", "true"));

  private final BlockGraph blocks;
  private java.util.function.Consumer<String> onRefused = m -> {};

  CanvasComponent(BlockGraph graph) {
    super(graph);
    this.blocks = graph;
  }

  @Override
  protected mxGraphControl createGraphControl() {
    return new CullingControl();
  }

  /**
   * JGraphX visits every cell on every paint and, for each, reads its style to work out its
   * extended bounds before asking whether it meets the clip; on a 1,000-block graph that is most of
   * a frame. This control first tests a top-level card or edge's cached bounding box (grown by a
   * margin for ports on the border, shadows and stroke) against the clip, and skips it, with its
   * ports, when they do not meet.
   */
  private final class CullingControl extends mxGraphControl {
    @Override
    public void drawCell(mxICanvas canvas, Object cell) {
      if (culling && canvas instanceof mxGraphics2DCanvas c && outsideClip(c, cell)) {
        return;
      }
      if (graph.getView().getScale() < BlockGraph.DETAIL_SCALE && blocks.ports.containsKey(cell)) {
        return; // a port is a dot of a pixel or two at this zoom
      }
      super.drawCell(canvas, cell);
    }

    private boolean outsideClip(mxGraphics2DCanvas canvas, Object cell) {
      if (canvas.getGraphics() == null
          || graph.getModel().getParent(cell) != graph.getDefaultParent()) {
        return false;
      }
      mxCellState state = graph.getView().getState(cell);
      mxRectangle box = state == null ? null : state.getBoundingBox();
      if (box == null) {
        return false;
      }
      double margin = 24 * graph.getView().getScale() + 4;
      int x = (int) Math.floor(box.getX() - margin);
      int y = (int) Math.floor(box.getY() - margin);
      int w = (int) Math.ceil(box.getWidth() + 2 * margin) + 1;
      int h = (int) Math.ceil(box.getHeight() + 2 * margin) + 1;
      return !canvas.getGraphics().hitClip(x, y, w, h);
    }
  }

  void onRefused(java.util.function.Consumer<String> r) {
    onRefused = r;
  }

  /** Ports win over edges that end on them, so a connected output can start another edge. */
  @Override
  public Object getCellAt(int x, int y, boolean hitSwimlaneContent, Object parent) {
    if (parent == null || parent == blocks.getDefaultParent()) {
      for (Object port : blocks.ports.keySet()) {
        var st = blocks.getView().getState(port);
        if (st != null) {
          java.awt.Rectangle r = st.getRectangle();
          r.grow(3, 3);
          if (r.contains(x, y)) {
            return port;
          }
        }
      }
    }
    return super.getCellAt(x, y, hitSwimlaneContent, parent);
  }

  @Override
  protected mxConnectionHandler createConnectionHandler() {
    return new mxConnectionHandler(this) {
      @Override
      public void mouseReleased(MouseEvent e) {
        boolean wasActive = isActive();
        super.mouseReleased(e);
        String refusal = blocks.refusal;
        blocks.refusal = null;
        if (wasActive && refusal != null) {
          onRefused.accept(refusal);
        }
      }
    };
  }
}
