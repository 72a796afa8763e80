package dev.blocksmith.editor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.nodes.data.csv.ColumnGuesses;
import dev.blocksmith.nodes.data.csv.CsvSample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What each column of a Load CSV file is for, as the column table shows it, and the param edits
 * that choosing a role makes: the column to predict, the group, the id, "Leave out" and "Always
 * learn from" lists of Load CSV, and the column to predict of blocks downstream that name one.
 */
public final class ColumnRoles {
  private static final JsonNodeFactory JSON = new JsonNodeFactory(true);
  private static final String LABEL = "label";
  private static final String GROUP = "group";
  private static final String IDS = "idColumns";
  private static final String IGNORE = "ignoreColumns";
  private static final String KEEP = "featureColumns";

  private ColumnRoles() {}

  /** A column's role, as offered in the table. */
  public enum Role {
    /** The answer the model learns to give. */
    PREDICT("Predict this"),
    /** An input the model learns from. */
    LEARN("Learn from"),
    /** Identifies a row: never learned from; rows with the same id stay together when splitting. */
    ID("Id (ignore)"),
    /** Kept in the table, never learned from. */
    IGNORE("Leave out"),
    /** A sensitive column: never learned from, used for fairness checks. */
    GROUP("Group");

    private final String words;

    Role(String words) {
      this.words = words;
    }

    @Override
    public String toString() {
      return words;
    }
  }

  /** Returns the role of column {@code c} under the params of the Load CSV node {@code load}. */
  public static Role of(Node load, CsvSample.ColumnInfo c) {
    String name = c.name();
    if (name.equals(text(load, LABEL))) {
      return Role.PREDICT;
    }
    if (name.equals(text(load, GROUP))) {
      return Role.GROUP;
    }
    if (list(load, IDS).contains(name)) {
      return Role.ID;
    }
    if (list(load, IGNORE).contains(name)) {
      return Role.IGNORE;
    }
    if (list(load, KEEP).contains(name) || c.guess() == null) {
      return Role.LEARN;
    }
    return switch (c.guess().kind()) {
      case ID -> Role.ID;
      case TEXT -> Role.IGNORE;
      case DATE -> Role.LEARN;
    };
  }

  /** Returns why a column has the role it has, in plain words. */
  public static String why(Node load, CsvSample.ColumnInfo c) {
    Role r = of(load, c);
    boolean chosen =
        c.name().equals(text(load, LABEL))
            || c.name().equals(text(load, GROUP))
            || list(load, IDS).contains(c.name())
            || list(load, IGNORE).contains(c.name())
            || list(load, KEEP).contains(c.name());
    if (chosen || c.guess() == null) {
      return r == Role.LEARN && !chosen
          ? "A " + c.kind() + " column: learned from."
          : "Your choice.";
    }
    return c.guess().kind() == ColumnGuesses.Kind.DATE
        ? "Guessed: " + c.guess().reason() + ", learned from as year, month and weekday."
        : "Guessed: " + c.guess().reason() + ", so it is not learned from.";
  }

  /**
   * Returns {@code g} with column {@code c} of the Load CSV node {@code loadId} given role {@code
   * role}: the column leaves every other role's param, and a column to predict is also set on the
   * blocks downstream that name another one.
   */
  public static Graph assign(Graph g, String loadId, CsvSample.ColumnInfo c, Role role) {
    Node load = g.node(loadId).orElseThrow();
    String name = c.name();
    Graph out = g;
    if (name.equals(text(load, LABEL)) && role != Role.PREDICT) {
      out = out.withParam(loadId, LABEL, JSON.textNode(""));
    }
    if (name.equals(text(load, GROUP)) && role != Role.GROUP) {
      out = out.withParam(loadId, GROUP, JSON.textNode(""));
    }
    boolean guessedOut =
        c.guess() != null
            && (c.guess().kind() == ColumnGuesses.Kind.ID
                || c.guess().kind() == ColumnGuesses.Kind.TEXT);
    out = listed(out, loadId, IDS, name, role == Role.ID);
    out = listed(out, loadId, IGNORE, name, role == Role.IGNORE);
    out = listed(out, loadId, KEEP, name, role == Role.LEARN && guessedOut);
    switch (role) {
      case PREDICT -> {
        out = out.withParam(loadId, LABEL, JSON.textNode(name));
        for (String d : downstream(out, loadId)) {
          JsonNode v = out.node(d).orElseThrow().params().get(LABEL);
          if (v != null && v.isTextual() && !v.asText().isBlank() && !v.asText().equals(name)) {
            out = out.withParam(d, LABEL, JSON.textNode(name));
          }
        }
      }
      case GROUP -> out = out.withParam(loadId, GROUP, JSON.textNode(name));
      default -> {
        // the lists above say it all
      }
    }
    return out;
  }

  private static Graph listed(Graph g, String nodeId, String param, String name, boolean in) {
    Node n = g.node(nodeId).orElseThrow();
    List<String> items = new ArrayList<>(list(n, param));
    boolean had = items.contains(name);
    if (had == in) {
      return g;
    }
    if (in) {
      items.add(name);
    } else {
      items.removeIf(name::equals);
    }
    return g.withParam(nodeId, param, JSON.textNode(String.join(", ", items)));
  }

  private static String text(Node n, String param) {
    JsonNode v = n.params().get(param);
    return v == null || !v.isTextual() ? "" : v.asText().trim();
  }

  private static List<String> list(Node n, String param) {
    return Arrays.stream(text(n, param).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static List<String> downstream(Graph g, String from) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(List.of(from));
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      for (Edge e : g.edgesOutOf(todo.poll())) {
        if (seen.add(e.to().node())) {
          out.add(e.to().node());
          todo.add(e.to().node());
        }
      }
    }
    return out;
  }
}
