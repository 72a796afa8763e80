package dev.blocksmith.editor.canvas;

import com.mxgraph.model.mxCell;
import com.mxgraph.model.mxGeometry;
import com.mxgraph.util.mxPoint;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.Note;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.graph.Position;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.PortSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rebuilds the JGraphX cells from an engine graph: the engine graph is always the model. */
final class Projection {
  private final BlockGraph g;

  Projection(BlockGraph g) {
    this.g = g;
  }

  /** Replaces every cell with the projection of {@code graph}, keeping the selection by id. */
  void show(Graph graph) {
    List<String> selected = new ArrayList<>();
    for (Object c : g.getSelectionCells()) {
      String id = BlockGraph.idOf(c);
      if (id != null) {
        selected.add(id);
      }
    }
    g.model = graph;
    g.getModel().beginUpdate();
    try {
      g.removeCells(g.getChildCells(g.getDefaultParent(), true, true), true);
      g.ports.clear();
      g.cards.clear();
      g.infos.clear();
      g.bars.clear();
      Map<String, Object> portCells = new HashMap<>();
      int i = 0;
      for (Node n : graph.nodes()) {
        Position p = graph.layout().positions().get(n.id());
        double x = p != null ? p.x() : 40 + 240 * (i % 5);
        double y = p != null ? p.y() : 40 + 180 * (i / 5);
        addCard(n, x, y, portCells);
        i++;
      }
      for (Edge e : graph.edges()) {
        Object src = portCells.get("out:" + e.from());
        Object dst = portCells.get("in:" + e.to());
        if (src != null && dst != null) {
          PortCell pc = g.ports.get(src);
          g.insertEdge(
              g.getDefaultParent(),
              null,
              e.toString(),
              src,
              dst,
              CanvasStyles.edge(pc.spec().type()));
        }
      }
      for (Note note : graph.layout().notes()) {
        g.insertVertex(
            g.getDefaultParent(),
            null,
            BlockGraph.NOTE + note.id(),
            note.x(),
            note.y(),
            note.width(),
            note.height(),
            CanvasStyles.note());
      }
    } finally {
      g.getModel().endUpdate();
    }
    List<Object> sel = new ArrayList<>();
    for (String id : selected) {
      Object c = id.startsWith(BlockGraph.NOTE) ? findNote(id) : g.cards.get(id);
      if (c != null) {
        sel.add(c);
      }
    }
    g.setSelectionCells(sel.toArray());
  }

  private Object findNote(String value) {
    for (Object c : g.getChildVertices(g.getDefaultParent())) {
      if (value.equals(BlockGraph.idOf(c))) {
        return c;
      }
    }
    return null;
  }

  private void addCard(Node n, double x, double y, Map<String, Object> portCells) {
    Optional<NodeSpec> spec = g.registry.find(n.type()).map(t -> t.spec());
    List<PortSpec> ins = spec.map(NodeSpec::inputs).orElse(List.of());
    List<PortSpec> outs = spec.map(NodeSpec::outputs).orElse(List.of());
    int h = CanvasStyles.cardHeight(ins.size(), outs.size());
    int w = CanvasStyles.CARD_WIDTH;
    CardState state = g.state(n.id());
    Object card =
        g.insertVertex(
            g.getDefaultParent(),
            null,
            n.id(),
            x,
            y,
            w,
            h,
            CanvasStyles.card(spec.map(NodeSpec::category).orElse(null), state, spec.isEmpty()));
    g.cards.put(n.id(), card);
    addPorts(card, n.id(), ins, true, h, portCells);
    addPorts(card, n.id(), outs, false, h, portCells);
    Object info =
        g.insertVertex(
            card,
            null,
            BlockGraph.INFO + n.id(),
            0,
            h - CanvasStyles.FOOTER - 2,
            w,
            CanvasStyles.FOOTER - 4,
            CanvasStyles.info(state));
    g.infos.put(n.id(), info);
    double frac = state.status() == NodeStatus.RUNNING ? Math.max(0, state.progress()) : 0;
    Object bar =
        g.insertVertex(
            card,
            null,
            BlockGraph.BAR + n.id(),
            6,
            h - 7,
            Math.max(0.01, frac * (w - 12)),
            3,
            CanvasStyles.bar(NodeStatus.RUNNING));
    ((mxCell) bar).setVisible(frac > 0);
    g.bars.put(n.id(), bar);
  }

  private void addPorts(
      Object card,
      String nodeId,
      List<PortSpec> specs,
      boolean input,
      int h,
      Map<String, Object> portCells) {
    for (int k = 0; k < specs.size(); k++) {
      PortSpec ps = specs.get(k);
      double cy = CanvasStyles.HEADER + 6 + k * CanvasStyles.ROW + CanvasStyles.ROW / 2.0;
      mxGeometry geo = new mxGeometry(input ? 0 : 1, cy / h, CanvasStyles.PORT, CanvasStyles.PORT);
      geo.setRelative(true);
      geo.setOffset(new mxPoint(-CanvasStyles.PORT / 2.0, -CanvasStyles.PORT / 2.0));
      PortRef ref = new PortRef(nodeId, ps.name());
      mxCell port = new mxCell(ref.toString(), geo, CanvasStyles.port(ps.type(), input));
      port.setVertex(true);
      port.setConnectable(true);
      g.addCell(port, card);
      g.ports.put(port, new PortCell(ref, ps, input));
      portCells.put((input ? "in:" : "out:") + ref, port);
    }
  }

  /** Refreshes one card's look (status, headline, progress, problem) without rebuilding. */
  void refreshCard(String nodeId) {
    Object card = g.cards.get(nodeId);
    if (card == null) {
      return;
    }
    CardState s = g.state(nodeId);
    Optional<NodeSpec> spec = g.specOf(nodeId);
    g.getModel().beginUpdate();
    try {
      g.getModel()
          .setStyle(
              card,
              CanvasStyles.card(spec.map(NodeSpec::category).orElse(null), s, spec.isEmpty()));
      Object info = g.infos.get(nodeId);
      g.getModel().setStyle(info, CanvasStyles.info(s));
      // The label ("running 45 %") is computed from the state, not stored in the cell; re-setting
      // the value makes JGraphX recompute it even when the style string did not change.
      g.getModel().setValue(info, BlockGraph.INFO + nodeId);
      mxCell bar = (mxCell) g.bars.get(nodeId);
      double frac = s.status() == NodeStatus.RUNNING ? Math.max(0, s.progress()) : 0;
      mxGeometry geo = (mxGeometry) bar.getGeometry().clone();
      geo.setWidth(Math.max(0.01, frac * (CanvasStyles.CARD_WIDTH - 12)));
      g.getModel().setGeometry(bar, geo);
      g.getModel().setVisible(bar, frac > 0);
    } finally {
      g.getModel().endUpdate();
    }
  }
}
