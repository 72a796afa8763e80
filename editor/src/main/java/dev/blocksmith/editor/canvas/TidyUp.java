package dev.blocksmith.editor.canvas;

import com.mxgraph.layout.hierarchical.mxHierarchicalLayout;
import com.mxgraph.model.mxGeometry;
import com.mxgraph.view.mxGraph;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.Position;
import java.util.HashMap;
import java.util.Map;
import javax.swing.SwingConstants;

/**
 * Left-to-right arrangement with {@link mxHierarchicalLayout}, computed on a scratch graph of plain
 * boxes (one per node, one edge per connection) so ports and notes do not disturb it.
 */
final class TidyUp {
  private TidyUp() {}

  static Layout arrange(Graph g) {
    mxGraph scratch = new mxGraph();
    Map<String, Object> boxes = new HashMap<>();
    Object parent = scratch.getDefaultParent();
    scratch.getModel().beginUpdate();
    try {
      for (Node n : g.nodes()) {
        boxes.put(
            n.id(), scratch.insertVertex(parent, null, n.id(), 0, 0, CanvasStyles.CARD_WIDTH, 130));
      }
      for (Edge e : g.edges()) {
        Object a = boxes.get(e.from().node());
        Object b = boxes.get(e.to().node());
        if (a != null && b != null) {
          scratch.insertEdge(parent, null, "", a, b);
        }
      }
      mxHierarchicalLayout layout = new mxHierarchicalLayout(scratch, SwingConstants.WEST);
      layout.setInterRankCellSpacing(80);
      layout.setIntraCellSpacing(40);
      layout.execute(parent);
    } finally {
      scratch.getModel().endUpdate();
    }
    Layout out = g.layout();
    for (var e : boxes.entrySet()) {
      mxGeometry geo = scratch.getModel().getGeometry(e.getValue());
      out =
          out.withPosition(
              e.getKey(), new Position(Math.round(geo.getX() + 40), Math.round(geo.getY() + 40)));
    }
    return out;
  }
}
