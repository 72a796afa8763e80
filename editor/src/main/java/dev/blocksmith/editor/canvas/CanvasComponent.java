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

  @Override
  protected mxConnectionHandler createConnectionHandler() {
    return new mxConnectionHandler(this) {
      @Override
      public void mouseReleased(MouseEvent e) {
        boolean wasActive = isActive();
        String refusal = blocks.refusal;
        boolean refused = wasActive && error != null && refusal != null;
        super.mouseReleased(e);
        if (refused) {
          onRefused.accept(refusal);
        }
        blocks.refusal = null;
      }

      @Override
      public String validateConnection(Object source, Object target) {
        blocks.refusal = null;
        return super.validateConnection(source, target);
      }
    };
  }
}
