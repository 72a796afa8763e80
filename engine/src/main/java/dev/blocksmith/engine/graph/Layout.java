package dev.blocksmith.engine.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canvas arrangement, kept apart from the graph's meaning: node positions and sticky notes.
 *
 * @param positions node positions by node id
 * @param notes sticky notes
 */
public record Layout(Map<String, Position> positions, List<Note> notes) {

  /** An empty layout. */
  public static final Layout EMPTY = new Layout(Map.of(), List.of());

  /** Copies the collections, keeping their order. */
  public Layout {
    positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
    notes = List.copyOf(notes);
  }

  /** Returns a copy with a node placed (or removed when {@code p} is null). */
  public Layout withPosition(String nodeId, Position p) {
    Map<String, Position> m = new LinkedHashMap<>(positions);
    if (p == null) {
      m.remove(nodeId);
    } else {
      m.put(nodeId, p);
    }
    return new Layout(m, notes);
  }

  /** Returns a copy with other notes. */
  public Layout withNotes(List<Note> newNotes) {
    return new Layout(positions, newNotes);
  }
}
