package dev.blocksmith.editor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.editor.inspect.ColumnRoles.Role;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.nodes.data.csv.ColumnGuesses;
import dev.blocksmith.nodes.data.csv.CsvSample.ColumnInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnRolesTest {
  private static final ColumnInfo ID =
      new ColumnInfo(
          "patient_id",
          "id",
          0,
          List.of("1"),
          new ColumnGuesses.Guess("patient_id", ColumnGuesses.Kind.ID, "looks like an id"));
  private static final ColumnInfo NOTE =
      new ColumnInfo(
          "note",
          "text",
          0,
          List.of("hi"),
          new ColumnGuesses.Guess("note", ColumnGuesses.Kind.TEXT, "holds free text"));
  private static final ColumnInfo SIZE = new ColumnInfo("size", "number", 2, List.of("1.5"), null);
  private static final ColumnInfo KIND = new ColumnInfo("kind", "category", 0, List.of("a"), null);

  private static Graph pipeline() {
    return Graph.EMPTY
        .withNode(Node.of("load", "data.load-csv"))
        .withNode(Node.of("split", "prepare.split"))
        .withNode(Node.of("train", "train.train").withParam("label", TextNode.valueOf("size")))
        .withEdge(Edge.of("load.table", "split.data"))
        .withEdge(Edge.of("split.train", "train.data"));
  }

  private static Node load(Graph g) {
    return g.node("load").orElseThrow();
  }

  private static String param(Graph g, String node, String name) {
    var v = g.node(node).orElseThrow().params().get(name);
    return v == null ? "" : v.asText();
  }

  @Test
  void guessedRolesUntilTheUserChooses() {
    Graph g = pipeline();
    assertThat(ColumnRoles.of(load(g), ID)).isEqualTo(Role.ID);
    assertThat(ColumnRoles.of(load(g), NOTE)).isEqualTo(Role.IGNORE);
    assertThat(ColumnRoles.of(load(g), SIZE)).isEqualTo(Role.LEARN);
    assertThat(ColumnRoles.why(load(g), ID)).startsWith("Guessed: looks like an id");
  }

  @Test
  void predictingAColumnSetsLoadCsvAndTheBlocksDownstreamThatNameAnother() {
    Graph g = ColumnRoles.assign(pipeline(), "load", KIND, Role.PREDICT);
    assertThat(param(g, "load", "label")).isEqualTo("kind");
    assertThat(param(g, "train", "label")).isEqualTo("kind");
    assertThat(ColumnRoles.of(load(g), KIND)).isEqualTo(Role.PREDICT);
    // Another column to predict: the first one goes back to being learned from.
    g = ColumnRoles.assign(g, "load", SIZE, Role.PREDICT);
    assertThat(ColumnRoles.of(load(g), KIND)).isEqualTo(Role.LEARN);
    g = ColumnRoles.assign(g, "load", SIZE, Role.IGNORE);
    assertThat(param(g, "load", "label")).isEmpty();
    assertThat(param(g, "load", "ignoreColumns")).isEqualTo("size");
  }

  @Test
  void learningFromAGuessedIdNamesItUnderAlwaysLearnFromAndBack() {
    Graph g = ColumnRoles.assign(pipeline(), "load", ID, Role.LEARN);
    assertThat(param(g, "load", "featureColumns")).isEqualTo("patient_id");
    assertThat(ColumnRoles.of(load(g), ID)).isEqualTo(Role.LEARN);
    g = ColumnRoles.assign(g, "load", NOTE, Role.GROUP);
    assertThat(param(g, "load", "group")).isEqualTo("note");
    g = ColumnRoles.assign(g, "load", ID, Role.ID);
    assertThat(param(g, "load", "featureColumns")).isEmpty();
    assertThat(param(g, "load", "idColumns")).isEqualTo("patient_id");
    g = ColumnRoles.assign(g, "load", SIZE, Role.ID);
    assertThat(param(g, "load", "idColumns")).isEqualTo("patient_id, size");
  }
}
