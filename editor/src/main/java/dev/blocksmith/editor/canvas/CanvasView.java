package dev.blocksmith.editor.canvas;

import com.mxgraph.model.mxCell;
import com.mxgraph.swing.handler.mxRubberband;
import com.mxgraph.swing.mxGraphComponent;
import com.mxgraph.swing.mxGraphOutline;
import com.mxgraph.util.mxCellRenderer;
import com.mxgraph.util.mxPoint;
import com.mxgraph.util.mxRectangle;
import dev.blocksmith.editor.theme.Themes;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Position;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.awt.Color;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.JComponent;

/**
 * The canvas: a JGraphX view of the engine graph. Every gesture becomes one new engine graph
 * through {@link GraphEdits}; the cells are then rebuilt from it. Used on the EDT only.
 */
public final class CanvasView {
  private final BlockGraph graph = new BlockGraph();
  private final Projection projection = new Projection(graph);
  private final GraphEdits edits;
  private final mxGraphComponent component;
  private final Toast toast;
  private final List<Consumer<List<String>>> selectionListeners = new ArrayList<>();
  private Consumer<Point> quickAdd = p -> {};
  private Consumer<String> status = s -> {};
  private Consumer<java.nio.file.Path> openFile = f -> {};

  /** Creates a canvas that reads and edits the graph through {@code edits}. */
  public CanvasView(GraphEdits edits) {
    this.edits = edits;
    component = new CanvasComponent(graph);
    component.setName("canvas");
    component.setConnectable(true);
    component.setToolTips(true);
    component.setPanning(true);
    component.setDragEnabled(false);
    component.setGridVisible(true);
    component.setAntiAlias(true);
    component.setTextAntiAlias(true);
    component.setCenterZoom(false);
    component.getConnectionHandler().setCreateTarget(false);
    new mxRubberband(component);
    toast = new Toast(component);
    new CanvasGestures(this, graph, component, edits).install();
    component.setTransferHandler(new CanvasTransfer(this));
    applyTheme();
    graph
        .getSelectionModel()
        .addListener(
            com.mxgraph.util.mxEvent.CHANGE,
            (s, e) -> {
              List<String> ids = selectedNodeIds();
              selectionListeners.forEach(l -> l.accept(ids));
            });
  }

  /** Returns the Swing component to place in the window. */
  public JComponent component() {
    return component;
  }

  /** Returns a minimap of this canvas. */
  public JComponent createMinimap() {
    mxGraphOutline outline = new mxGraphOutline(component);
    outline.setName("minimap");
    outline.setToolTipText("Overview: drag the box to move around the canvas");
    return outline;
  }

  /** Sets the installed blocks and redraws. */
  public void setRegistry(NodeRegistry registry) {
    graph.registry = registry;
    show(edits.graph());
  }

  /** Returns the installed blocks the canvas knows. */
  public NodeRegistry registry() {
    return graph.registry;
  }

  /** Redraws the canvas from {@code g}. */
  public void show(Graph g) {
    projection.show(g);
  }

  /** Re-reads theme colours (after a theme switch) and redraws. */
  public void applyTheme() {
    Color bg = Themes.color("Blocksmith.canvas.background", Color.WHITE);
    component.getViewport().setOpaque(true);
    component.getViewport().setBackground(bg);
    component.setPageBackgroundColor(bg);
    component.setBackground(bg);
    component.setGridColor(Themes.color("Blocksmith.canvas.grid", Color.LIGHT_GRAY));
    projection.show(edits.graph());
  }

  /** Shows a node's run state on its card. */
  public void setCardState(String nodeId, CardState state) {
    graph.states.put(nodeId, state);
    projection.refreshCard(nodeId);
  }

  /** Returns a node's card state. */
  public CardState cardState(String nodeId) {
    return graph.state(nodeId);
  }

  /** Clears every card's state; keeps headlines when {@code keepHeadlines}. */
  public void resetCardStates(boolean keepHeadlines) {
    for (String id : List.copyOf(graph.states.keySet())) {
      CardState s = graph.states.get(id);
      graph.states.put(
          id, keepHeadlines ? CardState.IDLE.withHeadline(s.headline()) : CardState.IDLE);
      projection.refreshCard(id);
    }
  }

  /** Adds a block at a canvas point (component coordinates), or at a free spot when null. */
  public void addBlock(String typeId, Point at) {
    Position p = at != null ? toGraph(at) : freeSpot();
    String name = graph.registry.find(typeId).map(t -> t.spec().displayName()).orElse(typeId);
    String id = GraphChanges.nextId(edits.graph(), typeId);
    List<String> selected = selectedNodeIds();
    String after = at == null && selected.size() == 1 ? selected.get(0) : null;
    // Quick-add after a selected block also wires it (one undo step with the addition).
    edits.edit(
        "Add " + name,
        g -> {
          Graph added = GraphChanges.addNode(g, typeId, p);
          return after == null ? added : AutoConnect.wire(added, graph.registry, after, id);
        });
    select(id);
  }

  /** Returns a free spot to the right of the right-most card. */
  Position freeSpot() {
    double maxX = -1;
    double y = 60;
    for (Position p : edits.graph().layout().positions().values()) {
      if (p.x() > maxX) {
        maxX = p.x();
        y = p.y();
      }
    }
    return maxX < 0 ? new Position(60, 60) : new Position(maxX + CanvasStyles.CARD_WIDTH + 60, y);
  }

  /** Converts a component point to graph coordinates (undoing zoom and scroll). */
  Position toGraph(Point p) {
    double s = graph.getView().getScale();
    mxPoint t = graph.getView().getTranslate();
    return new Position(Math.round(p.x / s - t.getX()), Math.round(p.y / s - t.getY()));
  }

  /** Returns the ids of the selected nodes. */
  public List<String> selectedNodeIds() {
    List<String> ids = new ArrayList<>();
    for (Object c : graph.getSelectionCells()) {
      if (graph.isCard(c)) {
        ids.add(BlockGraph.idOf(c));
      }
    }
    return ids;
  }

  /** Selects one node (or clears the selection when null) and scrolls it into view. */
  public void select(String nodeId) {
    Object c = nodeId == null ? null : graph.cards.get(nodeId);
    graph.setSelectionCell(c);
    if (c != null) {
      component.scrollCellToVisible(c);
    }
  }

  /** Deletes the selected nodes, edges and notes as one undo step. */
  public void deleteSelection() {
    List<String> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Object c : graph.getSelectionCells()) {
      String id = BlockGraph.idOf(c);
      if (graph.isCard(c)) {
        nodes.add(id);
      } else if (graph.isNote(c)) {
        notes.add(id.substring(BlockGraph.NOTE.length()));
      } else if (((mxCell) c).isEdge()) {
        PortCell from = graph.ports.get(((mxCell) c).getSource());
        PortCell to = graph.ports.get(((mxCell) c).getTarget());
        if (from != null && to != null) {
          edges.add(new Edge(from.ref(), to.ref()));
        }
      }
    }
    if (!nodes.isEmpty() || !edges.isEmpty() || !notes.isEmpty()) {
      edits.edit("Delete", g -> GraphChanges.delete(g, nodes, edges, notes));
    }
  }

  /** Adds a sticky note at a free spot. */
  public void addNote() {
    Position p = freeSpot();
    edits.edit(
        "Add note",
        g ->
            GraphChanges.addNote(
                g, "Double-click to write a note.", new Position(p.x(), p.y() + 200)));
    // The free spot is often outside the view: show the new note so the user sees it appeared.
    List<dev.blocksmith.engine.graph.Note> notes = edits.graph().layout().notes();
    if (!notes.isEmpty()) {
      String value = BlockGraph.NOTE + notes.get(notes.size() - 1).id();
      for (Object c : graph.getChildVertices(graph.getDefaultParent())) {
        if (value.equals(BlockGraph.idOf(c))) {
          graph.setSelectionCell(c);
          component.scrollCellToVisible(c);
        }
      }
    }
  }

  /** Zooms in one step. */
  public void zoomIn() {
    component.zoomIn();
  }

  /** Zooms out one step. */
  public void zoomOut() {
    component.zoomOut();
  }

  /** Zooms so the whole pipeline fits the view. */
  public void zoomToFit() {
    zoomToFit(0.3);
  }

  /**
   * Fits the graph to the window but never below 75 %, where card text stops being readable; the
   * minimap and scroll bars reach the rest. Used when a file opens.
   */
  public void zoomToFitReadable() {
    zoomToFit(0.75);
  }

  private void zoomToFit(double minScale) {
    mxRectangle b = graph.getGraphBounds();
    double w = component.getViewport().getWidth();
    double h = component.getViewport().getHeight();
    if (b.getWidth() < 1 || w < 1) {
      component.zoomActual();
      return;
    }
    double s = graph.getView().getScale();
    double factor = Math.min(w / (b.getWidth() / s + 80), h / (b.getHeight() / s + 80));
    component.zoomTo(Math.max(minScale, Math.min(1.5, factor)), false);
    component.getHorizontalScrollBar().setValue(0);
    component.getVerticalScrollBar().setValue(0);
  }

  /** Returns the whole canvas as an image, or null when it is empty. */
  public BufferedImage toImage() {
    return mxCellRenderer.createBufferedImage(
        graph, null, 1, component.getBackground(), true, null);
  }

  /** Arranges the blocks left to right, as one undo step. */
  public void tidyUp() {
    edits.edit("Tidy up", g -> g.withLayout(TidyUp.arrange(g)));
    zoomToFit();
  }

  /** Shows a short message over the canvas (a refused connection, a hint). */
  public void toast(String message) {
    toast.show(message);
    status.accept(message);
  }

  /** Returns the last message shown over the canvas, for tests. */
  public String lastToast() {
    return toast.last();
  }

  /** Registers a listener of the selected node ids. */
  public void onSelection(Consumer<List<String>> l) {
    selectionListeners.add(l);
  }

  /** Sets what happens when the user asks for quick-add at a point (double-click, Space). */
  public void onQuickAdd(Consumer<Point> l) {
    quickAdd = l;
  }

  /** Sets where status messages go. */
  public void onStatus(Consumer<String> l) {
    status = l;
  }

  /**
   * Sets what happens to a dropped file that is a whole pipeline (a graph file, a bundle or a
   * picture): it is opened, rather than turned into a block.
   */
  public void onOpenFile(Consumer<java.nio.file.Path> l) {
    openFile = l;
  }

  void openDropped(java.nio.file.Path file) {
    openFile.accept(file);
  }

  void requestQuickAdd(Point p) {
    quickAdd.accept(p);
  }

  GraphEdits edits() {
    return edits;
  }

  /** Returns the on-screen centre of a node's port, for tests that drag connections. */
  public Point portLocation(String nodeId, String port, boolean input) {
    for (var e : graph.ports.entrySet()) {
      PortCell pc = e.getValue();
      if (pc.input() == input && pc.ref().node().equals(nodeId) && pc.ref().port().equals(port)) {
        var st = graph.getView().getState(e.getKey());
        return st == null ? null : new Point((int) st.getCenterX(), (int) st.getCenterY());
      }
    }
    return null;
  }

  /** Returns the on-screen centre of a node's title, for tests. */
  public Point cardLocation(String nodeId) {
    var st = graph.getView().getState(graph.cards.get(nodeId));
    return st == null ? null : new Point((int) st.getCenterX(), (int) (st.getY() + 12));
  }

  /** Returns the card text a user reads (title and info line), for tests and accessibility. */
  public String cardText(String nodeId) {
    return graph.convertValueToString(graph.cards.get(nodeId))
        + " | "
        + graph.convertValueToString(graph.infos.get(nodeId));
  }
}
