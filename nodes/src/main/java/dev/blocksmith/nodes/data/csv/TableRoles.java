package dev.blocksmith.nodes.data.csv;

import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Marks the label, group and id columns of a freshly loaded table, checking that they make sense.
 */
public final class TableRoles {
  private static final Map<ColumnType, String> KIND_WORDS =
      Map.of(
          ColumnType.NUMBER,
          "number column",
          ColumnType.CATEGORY,
          "category column",
          ColumnType.BOOLEAN,
          "yes/no column",
          ColumnType.TEXT,
          "text column");

  private TableRoles() {}

  /**
   * A column named by the user in a param.
   *
   * @param param the param's name, for messages
   * @param column the column name ("" when unset)
   */
  public record Choice(String param, String column) {}

  /**
   * Returns the table with roles set: the label, the group, the ids, then the guesses of {@link
   * ColumnGuesses} (more ids, dates turned into numbers, free text ignored) for the columns not
   * named in {@code keep}. Logs each guess with its reason, and the column types.
   *
   * @param keepChoice columns to learn from as they are, comma-separated (never guessed)
   * @param ignoreChoice columns left out of learning, comma-separated
   * @throws NodeException when a named column does not exist or the label has fewer than two values
   */
  public static Table apply(
      Table table,
      String nodeId,
      String file,
      Choice labelChoice,
      Choice groupChoice,
      Choice idsChoice,
      Choice keepChoice,
      Choice ignoreChoice,
      NodeContext ctx)
      throws NodeException {
    Table t = table;
    String label = labelChoice.column();
    String group = groupChoice.column();
    if (!label.isEmpty()) {
      Column c = find(t, nodeId, file, labelChoice.param(), label, "column to predict");
      checkLabel(c, nodeId, file, labelChoice.param());
      t = t.withRole(label, ColumnRole.LABEL);
    }
    if (!group.isEmpty()) {
      find(t, nodeId, file, groupChoice.param(), group, "group column");
      t = t.withRole(group, ColumnRole.GROUP);
    }
    for (String id : idsChoice.column().split(",")) {
      if (!id.isBlank()) {
        find(t, nodeId, file, idsChoice.param(), id.trim(), "id column");
        t = t.withRole(id.trim(), ColumnRole.ID);
      }
    }
    for (String ignored : ignoreChoice.column().split(",")) {
      if (!ignored.isBlank()) {
        find(t, nodeId, file, ignoreChoice.param(), ignored.trim(), "column to leave out");
        t = t.withRole(ignored.trim(), ColumnRole.IGNORE);
      }
    }
    java.util.Set<String> kept = new java.util.HashSet<>();
    for (String k : keepChoice.column().split(",")) {
      if (!k.isBlank()) {
        find(t, nodeId, file, keepChoice.param(), k.trim(), "column to learn from");
        kept.add(k.trim());
      }
    }
    Map<ColumnType, Integer> counts = new EnumMap<>(ColumnType.class);
    for (Column c : t.columns()) {
      counts.merge(c.type(), 1, Integer::sum);
    }
    java.util.List<ColumnGuesses.Guess> guesses = ColumnGuesses.guess(t, kept);
    guesses.forEach(g -> ctx.log(ColumnGuesses.message(g)));
    t = ColumnGuesses.apply(t, guesses);
    java.util.List<String> parts = new java.util.ArrayList<>();
    counts.forEach((k, v) -> parts.add(v + " " + KIND_WORDS.get(k) + (v == 1 ? "" : "s")));
    ctx.log("Column types: " + String.join(", ", parts) + ".");
    return t;
  }

  private static Column find(
      Table t, String nodeId, String file, String param, String name, String what)
      throws NodeException {
    return t.column(name)
        .orElseThrow(
            () ->
                NodeException.atParam(
                    nodeId,
                    param,
                    "The "
                        + what
                        + " \""
                        + name
                        + "\" is not in "
                        + file
                        + ". Its columns are: "
                        + String.join(", ", t.columnNames())
                        + ".",
                    "Pick one of those columns (names must match exactly, including capitals)."));
  }

  private static void checkLabel(Column c, String nodeId, String file, String param)
      throws NodeException {
    long distinct;
    if (c instanceof NumberColumn n) {
      distinct =
          Arrays.stream(n.toArray()).filter(v -> !Double.isNaN(v)).distinct().limit(2).count();
    } else if (c instanceof CategoryColumn cat) {
      distinct = Arrays.stream(cat.counts()).filter(k -> k > 0).count();
    } else {
      distinct =
          java.util.stream.IntStream.range(0, c.size())
              .filter(i -> !c.isMissing(i))
              .mapToObj(c::format)
              .distinct()
              .limit(2)
              .count();
    }
    if (distinct < 2) {
      String only =
          java.util.stream.IntStream.range(0, c.size())
              .filter(i -> !c.isMissing(i))
              .mapToObj(c::format)
              .findFirst()
              .orElse(null);
      throw NodeException.atParam(
          nodeId,
          param,
          only == null
              ? "The column to predict, \""
                  + c.name()
                  + "\", is empty in every row of "
                  + file
                  + "."
              : "The column to predict, \""
                  + c.name()
                  + "\", has the same value ("
                  + only
                  + ") in every row of "
                  + file
                  + ", so there is nothing to learn.",
          "Pick a column whose values differ between rows, or add examples of the other classes.");
    }
  }
}
