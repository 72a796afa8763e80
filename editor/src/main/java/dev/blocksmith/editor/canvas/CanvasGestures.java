package dev.blocksmith.editor.canvas;

import com.mxgraph.model.mxCell;
import com.mxgraph.model.mxGeometry;
import com.mxgraph.swing.mxGraphComponent;
import com.mxgraph.util.mxEvent;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Note;
import dev.blocksmith.engine.graph.Position;
import java.awt.Point;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

/**
 * Turns JGraphX gestures (move, resize, connect, edit a note, double-click, wheel) into engine
 * graph edits. Edits are posted with {@code invokeLater} so the cells are rebuilt after JGraphX has
 * finished handling the mouse event.
 */
final class CanvasGestures {
  private final CanvasView view;
  private final BlockGraph graph;
  private final mxGraphComponent component;
  private final GraphEdits edits;

  CanvasGestures(CanvasView view, BlockGraph graph, mxGraphComponent component, GraphEdits edits) {
    this.view = view;
    this.graph = graph;
    this.component = component;
    this.edits = edits;
  }

  void install() {
    graph.addListener(mxEvent.CELLS_MOVED, (s, e) -> later("Move", this::withCellPositions));
    graph.addListener(
        mxEvent.CELLS_RESIZED, (s, e) -> later("Resize note", this::withCellPositions));
    graph.noteEdited = (id, text) -> later("Edit note", g -> GraphChanges.editNote(g, id, text));
    component
        .getConnectionHandler()
        .addListener(
            mxEvent.CONNECT,
            (s, e) -> {
              mxCell edge = (mxCell) e.getProperty("cell");
              PortCell from = graph.ports.get(edge.getSource());
              PortCell to = graph.ports.get(edge.getTarget());
              if (from == null || to == null) {
                return;
              }
              boolean replaces =
                  graph.model.edges().stream().anyMatch(x -> x.to().equals(to.ref()));
              later("Connect", g -> Connections.connect(g, from.ref(), to.ref()));
              if (replaces) {
                SwingUtilities.invokeLater(
                    () ->
                        view.toast(
                            "An input takes one connection: the new one replaced the old one."));
              }
            });
    ((CanvasComponent) component).onRefused(msg -> view.toast(msg));
    component
        .getGraphControl()
        .addMouseListener(
            new MouseAdapter() {
              @Override
              public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2
                    && SwingUtilities.isLeftMouseButton(e)
                    && component.getCellAt(e.getX(), e.getY()) == null) {
                  view.requestQuickAdd(e.getPoint());
                }
              }
            });
    component.getGraphControl().addMouseWheelListener(this::wheel);
    component
        .getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
        .put(KeyStroke.getKeyStroke(KeyEvent.VK_SPACE, 0), "quickAdd");
    component
        .getActionMap()
        .put(
            "quickAdd",
            new AbstractAction() {
              @Override
              public void actionPerformed(ActionEvent e) {
                Point p = component.getGraphControl().getMousePosition();
                view.requestQuickAdd(p != null ? p : new Point(200, 150));
              }
            });
  }

  private void wheel(MouseWheelEvent e) {
    if (e.isShiftDown()) {
      return; // let the scroll pane scroll
    }
    if (e.getWheelRotation() < 0) {
      component.zoomIn();
    } else {
      component.zoomOut();
    }
    e.consume();
  }

  private void later(String what, java.util.function.UnaryOperator<Graph> change) {
    SwingUtilities.invokeLater(
        () -> {
          edits.edit(what, change);
          view.show(edits.graph()); // also undoes a refused or no-op gesture on screen
        });
  }

  /** Returns the graph with positions and note bounds read back from the cells. */
  private Graph withCellPositions(Graph g) {
    Layout layout = g.layout();
    for (var e : graph.cards.entrySet()) {
      mxGeometry geo = graph.getModel().getGeometry(e.getValue());
      if (geo != null) {
        layout =
            layout.withPosition(
                e.getKey(), new Position(Math.round(geo.getX()), Math.round(geo.getY())));
      }
    }
    List<Note> notes = new ArrayList<>();
    for (Note n : layout.notes()) {
      Note moved = n;
      for (Object c : graph.getChildVertices(graph.getDefaultParent())) {
        if ((BlockGraph.NOTE + n.id()).equals(BlockGraph.idOf(c))) {
          mxGeometry geo = graph.getModel().getGeometry(c);
          moved =
              new Note(
                  n.id(),
                  n.text(),
                  Math.round(geo.getX()),
                  Math.round(geo.getY()),
                  Math.round(geo.getWidth()),
                  Math.round(geo.getHeight()));
        }
      }
      notes.add(moved);
    }
    return g.withLayout(layout.withNotes(notes));
  }
}
