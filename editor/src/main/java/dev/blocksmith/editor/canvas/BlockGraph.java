package dev.blocksmith.editor.canvas;

import com.mxgraph.model.mxCell;
import com.mxgraph.view.mxGraph;
import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Note;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JGraphX graph behind the canvas. Cell values are ids only: a card's value is its node id, a
 * port's is {@code "node.port"}, a note's is {@code "note:id"}, an info line's is {@code
 * "info:node"}. Everything shown is looked up from the engine graph and the card states.
 */
final class BlockGraph extends mxGraph {
  static final String NOTE = "note:";
  static final String INFO = "info:";
  static final String BAR = "bar:";

  /** Characters of the status line that fit on a card. */
  static final int INFO_CHARS = 27;

  /**
   * Below this zoom card text is a few pixels high and unreadable; cards are drawn without their
   * labels and ports there, which keeps a zoomed-out view of a large graph smooth.
   */
  static final double DETAIL_SCALE = 0.4;

  final Map<Object, PortCell> ports = new HashMap<>();
  final Map<String, Object> cards = new HashMap<>();
  final Map<String, Object> infos = new HashMap<>();
  final Map<String, Object> bars = new HashMap<>();
  final Map<String, CardState> states = new HashMap<>();
  Graph model = Graph.EMPTY;
  NodeRegistry registry = NodeRegistry.of(java.util.List.of());

  /** Set while a connection is refused, so the canvas can tell the user why. */
  String refusal;

  BlockGraph() {
    setAllowDanglingEdges(false);
    setCellsDisconnectable(false);
    setMultigraph(false);
    setAllowLoops(false);
    setDropEnabled(false);
    setSplitEnabled(false);
    setCellsResizable(true);
    setConnectableEdges(false);
    setHtmlLabels(false);
    setAutoSizeCells(false);
    setKeepEdgesInBackground(true);
    // Ports are real terminals: edges end at the port cell itself, not at the card.
    setPortsEnabled(false);
    setEdgeLabelsMovable(false);
  }

  CardState state(String nodeId) {
    return states.getOrDefault(nodeId, CardState.IDLE);
  }

  Optional<NodeSpec> specOf(String nodeId) {
    return model.node(nodeId).flatMap(n -> registry.find(n.type())).map(t -> t.spec());
  }

  static String idOf(Object cell) {
    return cell instanceof mxCell c && c.getValue() instanceof String s ? s : null;
  }

  boolean isCard(Object cell) {
    String id = idOf(cell);
    return id != null && cards.get(id) == cell;
  }

  boolean isNote(Object cell) {
    String id = idOf(cell);
    return id != null && id.startsWith(NOTE) && ((mxCell) cell).isVertex();
  }

  @Override
  public boolean isCellSelectable(Object cell) {
    return isCard(cell) || isNote(cell) || getModel().isEdge(cell);
  }

  @Override
  public boolean isCellMovable(Object cell) {
    return isCard(cell) || isNote(cell);
  }

  @Override
  public boolean isCellResizable(Object cell) {
    return isNote(cell);
  }

  @Override
  public boolean isCellEditable(Object cell) {
    return isNote(cell);
  }

  @Override
  public boolean isCellConnectable(Object cell) {
    return ports.containsKey(cell);
  }

  @Override
  public boolean isCellFoldable(Object cell, boolean collapse) {
    return false;
  }

  @Override
  public boolean isSwimlane(Object cell) {
    return false; // cards are drawn as swimlanes but are not containers
  }

  @Override
  public boolean isValidSource(Object cell) {
    PortCell p = ports.get(cell);
    return p != null && !p.input();
  }

  @Override
  public boolean isValidTarget(Object cell) {
    PortCell p = ports.get(cell);
    return p != null && p.input();
  }

  @Override
  public String getEdgeValidationError(Object edge, Object source, Object target) {
    PortCell from = ports.get(source);
    PortCell to = ports.get(target);
    if (from == null || to == null || from.input() || !to.input()) {
      refusal = null;
      return ""; // refused silently: the marker already shows it is not a valid end
    }
    refusal = Connections.refusal(model, registry, from.ref(), to.ref()).orElse(null);
    return refusal == null ? null : "";
  }

  @Override
  public String convertValueToString(Object cell) {
    String id = idOf(cell);
    if (id == null || getModel().isEdge(cell)) {
      return "";
    }
    PortCell p = ports.get(cell);
    if (p != null) {
      return p.spec().label();
    }
    if (id.startsWith(NOTE)) {
      return model.layout().notes().stream()
          .filter(n -> n.id().equals(id.substring(NOTE.length())))
          .map(Note::text)
          .findFirst()
          .orElse("");
    }
    if (id.startsWith(INFO)) {
      CardState s = state(id.substring(INFO.length()));
      String h = s.headline();
      if (h.isEmpty() && s.problem() != null) {
        h = s.problem(); // a failed block says why at once; the tooltip and Problems hold it all
      }
      String line = "● " + s.badge() + (h.isEmpty() ? "" : "  ·  " + h);
      // The full headline is in the card's tooltip; the card shows what fits on one line.
      return line.length() <= INFO_CHARS ? line : line.substring(0, INFO_CHARS - 1) + "…";
    }
    if (id.startsWith(BAR)) {
      return "";
    }
    return model
        .node(id)
        .map(
            n ->
                n.label() != null && !n.label().isBlank()
                    ? n.label()
                    : specOf(id).map(NodeSpec::displayName).orElse(n.type() + " (not installed)"))
        .orElse(id);
  }

  @Override
  public String getToolTipForCell(Object cell) {
    String id = idOf(cell);
    PortCell p = ports.get(cell);
    if (p != null) {
      return "<html><b>"
          + PlainText.escape(p.spec().label())
          + "</b> ("
          + PlainText.escape(p.spec().type().label())
          + ")<br>"
          + PlainText.escape(p.spec().description())
          + "</html>";
    }
    if (id == null || isNote(cell) || getModel().isEdge(cell)) {
      return isNote(cell) ? "Sticky note: double-click to edit" : null;
    }
    String nodeId = id.startsWith(INFO) ? id.substring(INFO.length()) : id;
    CardState s = state(nodeId);
    String summary =
        PlainText.escape(
            specOf(nodeId).map(NodeSpec::summary).orElse("This block is not installed."));
    if (!s.headline().isEmpty()) {
      summary += "<br><i>" + PlainText.escape(s.badge() + ": " + s.headline()) + "</i>";
      String metric = s.headline().replaceFirst("[\\s:=]*[-0-9].*$", "").trim();
      summary +=
          dev.blocksmith.engine.text.MetricHelp.of(metric)
              .map(h -> "<br>" + PlainText.escape(h))
              .orElse("");
    }
    return "<html><b>"
        + PlainText.escape(convertValueToString(cards.get(nodeId)))
        + "</b><br>"
        + summary
        + (s.problem() != null
            ? "<br><font color='#dc2626'>" + PlainText.escape(s.problem()) + "</font>"
            : "")
        + "</html>";
  }

  /** Called with (note id, text) when a note's text was edited in place. */
  java.util.function.BiConsumer<String, String> noteEdited = (id, text) -> {};

  @Override
  public void cellLabelChanged(Object cell, Object value, boolean autoSize) {
    if (isNote(cell)) {
      noteEdited.accept(idOf(cell).substring(NOTE.length()), String.valueOf(value));
    }
  }

  @Override
  public void cellsFolded(
      Object[] cells, boolean collapse, boolean recurse, boolean checkFoldable) {
    // cards never fold
  }

  @Override
  public void drawState(
      com.mxgraph.canvas.mxICanvas canvas, com.mxgraph.view.mxCellState state, boolean label) {
    super.drawState(canvas, state, label && getView().getScale() >= DETAIL_SCALE);
  }
}
