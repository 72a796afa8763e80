package dev.blocksmith.editor.canvas;

import com.mxgraph.swing.handler.mxConnectionHandler;
import com.mxgraph.swing.mxGraphComponent;
import java.awt.event.MouseEvent;

/** The JGraphX component, with a connection handler that explains refused connections. */
final class CanvasComponent extends mxGraphComponent {
  private final BlockGraph blocks;
  private java.util.function.Consumer<String> onRefused = m -> {};

  CanvasComponent(BlockGraph graph) {
    super(graph);
    this.blocks = graph;
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
