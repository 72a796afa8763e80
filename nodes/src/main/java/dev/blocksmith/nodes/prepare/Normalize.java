package dev.blocksmith.nodes.prepare;

import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.PortSpec;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.Recipe;
import dev.blocksmith.engine.value.Table;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Chooses how number columns are scaled. Computes no statistics: it records the choice in the
 * table's {@link Recipe}, and Train fits the means or ranges on the training rows only.
 */
public final class Normalize implements NodeType {
  /** Standardize, min–max or none. */
  public static final String METHOD = "method";
  /** Which columns; empty means every number feature. */
  public static final String COLUMNS = "columns";

  /** The sentence every preview of this block shows about leakage. */
  public static final String LEAKAGE_NOTE = "Normalize will be fitted on the training rows only"
      + " when the model trains, so no information leaks from the test rows.";

  private static final NodeSpec SPEC =
      NodeSpec.builder("prepare.normalize")
          .setDisplayName("Normalize")
          .setCategory(Category.PREPARE)
          .setSummary("Puts numbers on a similar scale.")
          .setWhatItDoes("Standardize shifts each number column to mean 0 and spread 1; min–max"
              + " maps it to 0…1. Nothing is computed here: the choice travels with the table and"
              + " Train measures the means and ranges on the training rows only.")
          .optWhyItMatters("A column in the thousands (income) would otherwise drown a column"
              + " in single digits (rooms) while the model learns.")
          .optWatchOutFor("Min–max is thrown off by outliers; clean them first or standardize.")
          .addInput(PortSpec.of("table", PortType.TABLE, "Table", "The table to normalize."))
          .addOutput(PortSpec.of("table", PortType.TABLE, "Table",
              "The same rows, with the scaling recorded for Train."))
          .addOutput(PortSpec.of("report", PortType.REPORT, "Changes",
              "What was recorded, in plain words."))
          .addParam(ParamSpec.builder(METHOD, ParamType.CHOICE).setLabel("Method")
              .setHelp("Standardize: mean 0, spread 1. Min–max: from 0 to 1. None: leave as is.")
              .addChoice("standardize", "Standardize").addChoice("min-max", "Min–max")
              .addChoice("none", "None").optDefault("standardize").build())
          .addParam(ParamSpec.builder(COLUMNS, ParamType.TEXT).setLabel("Columns")
              .setHelp("Number columns to scale, separated by commas; empty means all.").build())
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Table table = inputs.get("table", Table.class);
    List<Column> cols = ColumnList.resolve(table, params.getString(COLUMNS),
        EnumSet.of(ColumnType.NUMBER), ctx.nodeId(), COLUMNS, "Normalize");
    String method = params.getString(METHOD);
    Recipe.Scaling scaling = switch (method) {
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
      log.add("Nothing to scale", "There are no number columns to scale; the table passes"
          + " through unchanged.");
    } else {
      String what = switch (scaling) {
        case MIN_MAX -> "Min–max scaling (0 to 1)";
        case NONE -> "No scaling";
        default -> "Standardizing (mean 0, spread 1)";
      };
      log.add("Scaling recorded", what + " chosen for " + names + ".");
    }
    log.add("Fitted on training rows", LEAKAGE_NOTE);
    return Map.of("table", table.withRecipe(recipe), "report",
        log.report("What Normalize records"));
  }
}
