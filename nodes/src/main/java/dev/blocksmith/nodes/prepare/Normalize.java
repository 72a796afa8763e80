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
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.Recipe;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.report.ChangeLog;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Chooses how number columns are scaled. Computes no statistics: it records the choice in the
 * table's {@link Recipe}, and Train fits the means or ranges on the training rows only.
 */
public final class Normalize implements NodeType {
  /** The table to normalize. */
  public static final Port<Table> TABLE_IN =
      Port.of("table", PortType.TABLE, Table.class, "Table", "The table to normalize.");

  /** The same rows, with the scaling recorded. */
  public static final Port<Table> TABLE =
      Port.of(
          "table",
          PortType.TABLE,
          Table.class,
          "Table",
          "The same rows, with the scaling recorded for Train.");

  /** What was recorded. */
  public static final Port<Report> REPORT =
      Port.of(
          "report", PortType.REPORT, Report.class, "Changes", "What was recorded, in plain words.");

  /** Standardize, min–max or none. */
  public static final Param<String> METHOD =
      Param.choice("method")
          .setLabel("Method")
          .setHelp("Standardize: mean 0, spread 1. Min–max: from 0 to 1. None: leave as is.")
          .addChoice("standardize", "Standardize")
          .addChoice("min-max", "Min–max")
          .addChoice("none", "None")
          .optDefault("standardize")
          .build();

  /** Which columns; empty means every number feature. */
  public static final Param<String> COLUMNS =
      Param.text("columns")
          .setLabel("Columns")
          .setHelp("Number columns to scale, separated by commas; empty means all.")
          .build();

  /** The sentence every preview of this block shows about leakage. */
  public static final String LEAKAGE_NOTE =
      "Normalize will be fitted on the training rows only"
          + " when the model trains, so no information leaks from the test rows.";

  private static final NodeSpec SPEC =
      NodeSpec.builder("prepare.normalize")
          .setDisplayName("Normalize")
          .setCategory(Category.PREPARE)
          .setSummary("Puts numbers on a similar scale.")
          .setWhatItDoes(
              "Standardize shifts each number column to mean 0 and spread 1; min–max"
                  + " maps it to 0…1. Nothing is computed here: the choice travels with the table and"
                  + " Train measures the means and ranges on the training rows only.")
          .optWhyItMatters(
              "A column in the thousands (income) would otherwise drown a column"
                  + " in single digits (rooms) while the model learns.")
          .optWatchOutFor("Min–max is thrown off by outliers; clean them first or standardize.")
          .addInput(TABLE_IN)
          .addOutput(TABLE)
          .addOutput(REPORT)
          .addParam(METHOD)
          .addParam(COLUMNS)
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
            EnumSet.of(ColumnType.NUMBER),
            ctx.nodeId(),
            COLUMNS.name(),
            "Normalize");
    String method = params.get(METHOD);
    Recipe.Scaling scaling =
        switch (method) {
          case "min-max" -> Recipe.Scaling.MIN_MAX;
          case "none" -> Recipe.Scaling.NONE;
          default -> Recipe.Scaling.STANDARDIZE;
        };
    Recipe recipe = table.recipe();
    for (Column c : cols) {
      recipe = recipe.withScaling(c.name(), scaling);
    }
    ChangeLog log = new ChangeLog(ctx);
    String names = String.join(", ", cols.stream().map(c -> "\"" + c.name() + "\"").toList());
    if (cols.isEmpty()) {
      log.add(
          "Nothing to scale",
          "There are no number columns to scale; the table passes" + " through unchanged.");
    } else {
      String what =
          switch (scaling) {
            case MIN_MAX -> "Min–max scaling (0 to 1)";
            case NONE -> "No scaling";
            default -> "Standardizing (mean 0, spread 1)";
          };
      log.add("Scaling recorded", what + " chosen for " + names + ".");
    }
    log.add("Fitted on training rows", LEAKAGE_NOTE);
    return Outputs.builder()
        .put(TABLE, table.withRecipe(recipe))
        .put(REPORT, log.report("What Normalize records"))
        .build();
  }
}
