package dev.blocksmith.nodes.prepare;

import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Reads a comma-separated list of column names from a param and checks it against a table. */
public final class ColumnList {
  private ColumnList() {}

  /**
   * Returns the named columns, or, when {@code text} is blank, every feature column of one of the
   * given types.
   *
   * @throws NodeException naming the param when a column is missing or of the wrong type
   */
  public static List<Column> resolve(
      Table table,
      String text,
      Set<ColumnType> types,
      String nodeId,
      String param,
      String blockName)
      throws NodeException {
    List<Column> out = new ArrayList<>();
    if (text.isBlank()) {
      for (Column c : table.columns()) {
        if (types.contains(c.type()) && table.role(c.name()) == ColumnRole.FEATURE) {
          out.add(c);
        }
      }
      return out;
    }
    for (String raw : text.split(",")) {
      String name = raw.trim();
      if (name.isEmpty()) {
        continue;
      }
      Column c =
          table
              .column(name)
              .orElseThrow(
                  () ->
                      NodeException.atParam(
                          nodeId,
                          param,
                          "There is no column \""
                              + name
                              + "\". The columns are: "
                              + String.join(", ", table.columnNames())
                              + ".",
                          "Use names from that list, separated by commas (capitals matter)."));
      if (!types.contains(c.type())) {
        throw NodeException.atParam(
            nodeId,
            param,
            "Column \""
                + name
                + "\" holds "
                + words(EnumSet.of(c.type()))
                + ", but "
                + blockName
                + " works on "
                + words(types)
                + ".",
            "Remove \"" + name + "\" from the list.");
      }
      out.add(c);
    }
    return out;
  }

  /** Returns the names in the list param, trimmed, without empty entries. */
  public static List<String> names(String text) {
    List<String> out = new ArrayList<>();
    for (String raw : text.split(",")) {
      if (!raw.isBlank()) {
        out.add(raw.trim());
      }
    }
    return out;
  }

  private static String words(Set<ColumnType> types) {
    List<String> w = new ArrayList<>();
    for (ColumnType t : types) {
      w.add(
          switch (t) {
            case NUMBER -> "numbers";
            case CATEGORY -> "categories";
            case BOOLEAN -> "yes/no values";
            case TEXT -> "free text";
          });
    }
    return String.join(" or ", w);
  }
}
