package dev.blocksmith.nodes.prepare;

import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Outputs;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.Recipe;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.report.ChangeLog;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Chooses how category columns become numbers. Computes nothing from the data: it records the
 * choice in the table's {@link Recipe}, and Train fits it on the training rows only.
 */
public final class Encode implements NodeType {
  /** The table to encode. */
  public static final Port<Table> TABLE_IN =
      Port.of("table", PortType.TABLE, Table.class, "Table", "The table to encode.");

  /** The same rows, with the encoding recorded. */
  public static final Port<Table> TABLE =
      Port.of(
          "table",
          PortType.TABLE,
          Table.class,
          "Table",
          "The same rows, with the encoding recorded for Train.");

  /** What was recorded. */
  public static final Port<Report> REPORT =
      Port.of(
          "report", PortType.REPORT, Report.class, "Changes", "What was recorded, in plain words.");

  /** One-hot or ordinal. */
  public static final Param<String> METHOD =
      Param.choice("method")
          .setLabel("Method")
          .setHelp("One-hot: a 0/1 column per value. Ordinal: one column of value numbers.")
          .addChoice("one-hot", "One-hot")
          .addChoice("ordinal", "Ordinal")
          .optDefault("one-hot")
          .build();

  /** Which columns; empty means every category feature. */
  public static final Param<String> COLUMNS =
      Param.text("columns")
          .setLabel("Columns")
          .setHelp("Category columns to encode, separated by commas; empty means all.")
          .build();

  /** Most distinct values one-hot encoded per column. */
  public static final Param<Integer> MAX_VALUES =
      Param.integer("maxValues")
          .setLabel("Most values")
          .setHelp(
              "Most distinct values one-hot encoded per column; rarer ones share an"
                  + " 'other' column.")
          .optDefault(20)
          .optRange(2.0, 1000.0)
          .optAdvanced(true)
          .build();

  /** The sentence every preview of this block shows about leakage. */
  public static final String LEAKAGE_NOTE =
      "Encode will be fitted on the training rows only when"
          + " the model trains (the list of values comes from the training rows), so no information"
          + " leaks from the test rows.";

  private static final NodeSpec SPEC =
      NodeSpec.builder("prepare.encode")
          .setDisplayName("Encode")
          .setCategory(Category.PREPARE)
          .setSummary("Chooses how categories (like city names) become numbers.")
          .setWhatItDoes(
              "Models only understand numbers. One-hot gives each value its own 0/1"
                  + " column; ordinal numbers the values 0, 1, 2… Nothing is computed here: the choice"
                  + " travels with the table and Train applies it, learning the values from the"
                  + " training rows only.")
          .optWhyItMatters(
              "Ordinal numbers suggest an order (Rome < Paris) that may not exist;"
                  + " one-hot does not, but adds a column per value.")
          .optWatchOutFor(
              "A column with hundreds of values (postcodes, names) makes one-hot"
                  + " huge: the cap keeps only the most frequent values and puts the rest in 'other'.")
          .addInput(TABLE_IN)
          .addOutput(TABLE)
          .addOutput(REPORT)
          .addParam(METHOD)
          .addParam(COLUMNS)
          .addParam(MAX_VALUES)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Table table = inputs.get(TABLE_IN);
    List<Column> cols =
        ColumnList.resolve(
            table,
            params.get(COLUMNS),
            EnumSet.of(ColumnType.CATEGORY, ColumnType.BOOLEAN),
            ctx.nodeId(),
            COLUMNS.name(),
            "Encode");
    boolean oneHot = params.get(METHOD).equals("one-hot");
    int cap = params.get(MAX_VALUES);
    Recipe.Encoding encoding = oneHot ? Recipe.Encoding.ONE_HOT : Recipe.Encoding.ORDINAL;
    ChangeLog log = new ChangeLog(ctx);
    Recipe recipe = table.recipe();
    List<String> parts = new ArrayList<>();
    for (Column c : cols) {
      recipe = recipe.withEncoding(c.name(), encoding, cap);
      int values = c instanceof CategoryColumn cat ? cat.levels().size() : 2;
      parts.add("\"" + c.name() + "\" (" + values + " values)");
      if (oneHot && values > cap) {
        log.warn(
            "Many values",
            "\""
                + c.name()
                + "\" has "
                + values
                + " different values; only"
                + " the "
                + cap
                + " most frequent get their own column, the rest share 'other'.",
            "Raise \"Most values\" if the rare values matter.");
      }
    }
    if (cols.isEmpty()) {
      log.add(
          "Nothing to encode",
          "There are no category columns to encode; the table passes" + " through unchanged.");
    } else {
      log.add(
          "Encoding recorded",
          (oneHot ? "One-hot" : "Ordinal")
              + " encoding chosen for "
              + String.join(", ", parts)
              + ".");
    }
    log.add("Fitted on training rows", LEAKAGE_NOTE);
    return Outputs.builder()
        .put(TABLE, table.withRecipe(recipe))
        .put(REPORT, log.report("What Encode records"))
        .build();
  }
}
