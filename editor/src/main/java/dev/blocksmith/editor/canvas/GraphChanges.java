package dev.blocksmith.editor.canvas;

import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphFormatException;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.Note;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.graph.Position;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pure graph edits behind canvas gestures: add, delete, duplicate, copy and paste. */
public final class GraphChanges {
  private GraphChanges() {}

  /** Returns the graph with a new node of {@code type} placed at {@code at}. */
  public static Graph addNode(Graph g, String type, Position at) {
    String base = type.substring(type.lastIndexOf('.') + 1);
    String id = g.freshId(base);
    return g.withNode(Node.of(id, type)).withLayout(g.layout().withPosition(id, at));
  }

  /** Returns the id the next node of {@code type} would get. */
  public static String nextId(Graph g, String type) {
    return g.freshId(type.substring(type.lastIndexOf('.') + 1));
  }

  /** Returns the graph without the given nodes, edges and notes. */
  public static Graph delete(
      Graph g, Collection<String> nodeIds, Collection<Edge> edges, Collection<String> noteIds) {
    Graph out = g;
    for (Edge e : edges) {
      out = out.withoutEdge(e);
    }
    for (String id : nodeIds) {
      out = out.withoutNode(id);
    }
    if (!noteIds.isEmpty()) {
      List<Note> notes =
          out.layout().notes().stream().filter(n -> !noteIds.contains(n.id())).toList();
      out = out.withLayout(out.layout().withNotes(notes));
    }
    return out;
  }

  /** Returns the selected nodes, the edges among them and their positions as a small graph. */
  public static Graph extract(Graph g, Collection<String> nodeIds) {
    Set<String> ids = new HashSet<>(nodeIds);
    List<Node> nodes = g.nodes().stream().filter(n -> ids.contains(n.id())).toList();
    List<Edge> edges =
        g.edges().stream()
            .filter(e -> ids.contains(e.from().node()) && ids.contains(e.to().node()))
            .toList();
    Map<String, Position> pos = new HashMap<>();
    for (String id : ids) {
      Position p = g.layout().positions().get(id);
      if (p != null) {
        pos.put(id, p);
      }
    }
    return new Graph("Clipboard", "", nodes, edges, new Layout(pos, List.of()), Map.of());
  }

  /** Returns the graph JSON of the selected nodes, for the system clipboard. */
  public static String copy(Graph g, Collection<String> nodeIds) {
    return GraphJson.write(extract(g, nodeIds));
  }

  /**
   * Returns {@code g} with the nodes of {@code piece} added under fresh ids, shifted by ({@code
   * dx}, {@code dy}); {@code newIds} receives the ids given.
   */
  public static Graph paste(Graph g, Graph piece, double dx, double dy, List<String> newIds) {
    Map<String, String> rename = new HashMap<>();
    Graph out = g;
    Layout layout = g.layout();
    for (Node n : piece.nodes()) {
      String id = out.freshId(n.id());
      rename.put(n.id(), id);
      out = out.withNode(n.withId(id));
      Position p = piece.layout().positions().getOrDefault(n.id(), new Position(40, 40));
      layout = layout.withPosition(id, new Position(p.x() + dx, p.y() + dy));
      newIds.add(id);
    }
    out = out.withLayout(layout);
    for (Edge e : piece.edges()) {
      out =
          out.withEdge(
              new Edge(
                  new PortRef(rename.get(e.from().node()), e.from().port()),
                  new PortRef(rename.get(e.to().node()), e.to().port())));
    }
    return out;
  }

  /** Returns the graph in a clipboard text, or null when the text is not a pipeline. */
  public static Graph parse(String text) {
    if (text == null || !text.contains("\"nodes\"")) {
      return null;
    }
    try {
      return GraphJson.read(text);
    } catch (GraphFormatException | RuntimeException e) {
      return null;
    }
  }

  /** Returns the graph with a sticky note added. */
  public static Graph addNote(Graph g, String text, Position at) {
    Set<String> used = new HashSet<>();
    g.layout().notes().forEach(n -> used.add(n.id()));
    int i = 1;
    while (used.contains("note" + i)) {
      i++;
    }
    List<Note> notes = new ArrayList<>(g.layout().notes());
    notes.add(new Note("note" + i, text, at.x(), at.y(), 200, 110));
    return g.withLayout(g.layout().withNotes(notes));
  }

  /** Returns the graph with one note's text replaced. */
  public static Graph editNote(Graph g, String noteId, String text) {
    List<Note> notes =
        g.layout().notes().stream()
            .map(
                n ->
                    n.id().equals(noteId)
                        ? new Note(n.id(), text, n.x(), n.y(), n.width(), n.height())
                        : n)
            .toList();
    return g.withLayout(g.layout().withNotes(notes));
  }
}
