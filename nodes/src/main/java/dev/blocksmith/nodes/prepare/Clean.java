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
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.prepare.clean.CleanSteps;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Cleans a table: drops columns and duplicate rows, handles missing values and outliers. */
public final class Clean implements NodeType {
  /** Columns to remove. */
  public static final String DROP_COLUMNS = "dropColumns";
  /** Whether exact duplicate rows are removed. */
  public static final String DROP_DUPLICATES = "dropDuplicates";
  /** What to do with missing values. */
  public static final String MISSING = "missing";
  /** The value used by the "constant" strategy. */
  public static final String FILL_VALUE = "fillValue";
  /** Which columns the missing-value strategy applies to. */
  public static final String MISSING_COLUMNS = "missingColumns";
  /** How outliers are found. */
  public static final String OUTLIERS = "outliers";
  /** Whether outliers are dropped or clipped. */
  public static final String OUTLIER_ACTION = "outlierAction";
  /** Tukey's k for the IQR rule. */
  public static final String IQR_FACTOR = "iqrFactor";
  /** The z-score limit. */
  public static final String Z_LIMIT = "zLimit";

  private static final NodeSpec SPEC =
      NodeSpec.builder("prepare.clean")
          .setDisplayName("Clean")
          .setCategory(Category.PREPARE)
          .setSummary("Fixes missing values, duplicate rows and outliers.")
          .setWhatItDoes("Removes the columns you name and rows that repeat exactly, then fills"
              + " or drops missing values, then finds numbers far outside the usual range and drops"
              + " or clips them. Every change is written down in plain words.")
          .optWhyItMatters("Most models cannot learn from empty cells, and a few wild values or"
              + " repeated rows can pull a model off course.")
          .optWatchOutFor("Filling with the mean or median uses every row, test rows included;"
              + " with small data prefer dropping rows. Outliers are sometimes the interesting"
              + " cases (fraud, faults): look before you clip.")
          .addInput(PortSpec.of("table", PortType.TABLE, "Table", "The table to clean."))
          .addOutput(PortSpec.of("table", PortType.TABLE, "Table", "The cleaned table."))
          .addOutput(PortSpec.of("report", PortType.REPORT, "Changes",
              "What was changed, in plain words."))
          .addParam(ParamSpec.builder(DROP_COLUMNS, ParamType.TEXT).setLabel("Drop columns")
              .setHelp("Columns to remove, separated by commas.").build())
          .addParam(ParamSpec.builder(DROP_DUPLICATES, ParamType.BOOLEAN)
              .setLabel("Drop duplicate rows")
              .setHelp("Remove rows that repeat an earlier row in every column.")
              .optDefault(true).build())
          .addParam(ParamSpec.builder(MISSING, ParamType.CHOICE).setLabel("Missing values")
              .setHelp("What to do with empty cells.")
              .addChoice("keep", "Leave them").addChoice("drop-rows", "Drop those rows")
              .addChoice("mean", "Fill with the mean").addChoice("median", "Fill with the median")
              .addChoice("most-frequent", "Fill with the most frequent value")
              .addChoice("constant", "Fill with a value I choose").optDefault("drop-rows").build())
          .addParam(ParamSpec.builder(FILL_VALUE, ParamType.TEXT).setLabel("Fill value")
              .setHelp("The value put into empty cells when filling with a chosen value.").build())
          .addParam(ParamSpec.builder(MISSING_COLUMNS, ParamType.TEXT)
              .setLabel("Columns to fix")
              .setHelp("Columns whose missing values are handled, separated by commas; empty"
                  + " means all.").optAdvanced(true).build())
          .addParam(ParamSpec.builder(OUTLIERS, ParamType.CHOICE).setLabel("Outliers")
              .setHelp("How to find numbers far outside the usual range.")
              .addChoice("none", "Leave them").addChoice("iqr", "IQR rule (robust)")
              .addChoice("zscore", "z-score (distance from the mean)").optDefault("none").build())
          .addParam(ParamSpec.builder(OUTLIER_ACTION, ParamType.CHOICE).setLabel("Outlier action")
              .setHelp("Drop the rows holding outliers, or clip the values to the usual range.")
              .addChoice("clip", "Clip to the range").addChoice("drop", "Drop the rows")
              .optDefault("clip").build())
          .addParam(ParamSpec.builder(IQR_FACTOR, ParamType.NUMBER).setLabel("IQR factor")
              .setHelp("How many interquartile ranges beyond the quartiles count as an outlier.")
              .optDefault(1.5).optRange(0.5, 10.0).optAdvanced(true).build())
          .addParam(ParamSpec.builder(Z_LIMIT, ParamType.NUMBER).setLabel("z-score limit")
              .setHelp("How many standard deviations from the mean count as an outlier.")
              .optDefault(3.0).optRange(1.0, 10.0).optAdvanced(true).build())
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Table table = inputs.get("table", Table.class);
    ChangeLog log = new ChangeLog(ctx);
    CleanSteps steps = new CleanSteps(log, ctx);
    int before = table.rowCount();
    List<String> drop = ColumnList.names(params.getString(DROP_COLUMNS));
    ColumnList.resolve(table, params.getString(DROP_COLUMNS), EnumSet.allOf(ColumnType.class),
        ctx.nodeId(), DROP_COLUMNS, "Clean");
    if (!drop.isEmpty()) {
      table = table.withoutColumns(drop);
      log.add("Dropped columns", "Dropped " + ChangeLog.count(drop.size(), "column") + ": "
          + String.join(", ", drop) + ".");
    }
    if (params.getBoolean(DROP_DUPLICATES)) {
      table = steps.dropDuplicates(table);
    }
    ctx.checkCancelled();
    String missing = params.getString(MISSING);
    if (!missing.equals("keep")) {
      List<Column> cols = ColumnList.resolve(table, params.getString(MISSING_COLUMNS),
          EnumSet.allOf(ColumnType.class), ctx.nodeId(), MISSING_COLUMNS, "Clean");
      if (params.getString(MISSING_COLUMNS).isBlank()) {
        cols = table.columns();
      }
      if (missing.equals("constant") && !params.isSet(FILL_VALUE)) {
        throw NodeException.atParam(ctx.nodeId(), FILL_VALUE,
            "\"Missing values\" is set to fill with a value you choose, but no fill value is set.",
            "Type the value to put into empty cells, such as 0 or unknown.");
      }
      table = steps.missing(table, cols, missing, params.getString(FILL_VALUE), FILL_VALUE);
    }
    ctx.checkCancelled();
    String outliers = params.getString(OUTLIERS);
    if (!outliers.equals("none")) {
      double limit = outliers.equals("iqr") ? params.getDouble(IQR_FACTOR)
          : params.getDouble(Z_LIMIT);
      table = steps.outliers(table, outliers.equals("iqr"), limit,
          params.getString(OUTLIER_ACTION).equals("drop"));
    }
    if (log.isEmpty()) {
      log.add("Nothing to change", "Nothing needed cleaning: no duplicates, missing values or"
          + " outliers were found with these settings.");
    }
    log.metric("rows before", before);
    log.metric("rows after", table.rowCount());
    ctx.progress(1, null);
    return Map.of("table", table, "report", log.report("What Clean changed"));
  }
}
