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
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.prepare.clean.CleanSteps;
import dev.blocksmith.nodes.report.ChangeLog;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Cleans a table: drops columns and duplicate rows, handles missing values and outliers. */
public final class Clean implements NodeType {
  /** The table to clean. */
  public static final Port<Table> TABLE_IN =
      Port.of("table", PortType.TABLE, Table.class, "Table", "The table to clean.");

  /** The cleaned table. */
  public static final Port<Table> TABLE =
      Port.of("table", PortType.TABLE, Table.class, "Table", "The cleaned table.");

  /** What was changed. */
  public static final Port<Report> REPORT =
      Port.of(
          "report", PortType.REPORT, Report.class, "Changes", "What was changed, in plain words.");

  /** Columns to remove. */
  public static final Param<String> DROP_COLUMNS =
      Param.text("dropColumns")
          .setLabel("Drop columns")
          .setHelp("Columns to remove, separated by commas.")
          .build();

  /** Whether exact duplicate rows are removed. */
  public static final Param<Boolean> DROP_DUPLICATES =
      Param.bool("dropDuplicates")
          .setLabel("Drop duplicate rows")
          .setHelp("Remove rows that repeat an earlier row in every column.")
          .optDefault(true)
          .build();

  /** What to do with missing values. */
  public static final Param<String> MISSING =
      Param.choice("missing")
          .setLabel("Missing values")
          .setHelp("What to do with empty cells.")
          .addChoice("keep", "Leave them")
          .addChoice("drop-rows", "Drop those rows")
          .addChoice("mean", "Fill with the mean")
          .addChoice("median", "Fill with the median")
          .addChoice("most-frequent", "Fill with the most frequent value")
          .addChoice("constant", "Fill with a value I choose")
          .optDefault("drop-rows")
          .build();

  /** The value used by the "constant" strategy. */
  public static final Param<String> FILL_VALUE =
      Param.text("fillValue")
          .setLabel("Fill value")
          .setHelp("The value put into empty cells when filling with a chosen value.")
          .build();

  /** Which columns the missing-value strategy applies to. */
  public static final Param<String> MISSING_COLUMNS =
      Param.text("missingColumns")
          .setLabel("Columns to fix")
          .setHelp(
              "Columns whose missing values are handled, separated by commas; empty"
                  + " means all.")
          .optAdvanced(true)
          .build();

  /** How outliers are found. */
  public static final Param<String> OUTLIERS =
      Param.choice("outliers")
          .setLabel("Outliers")
          .setHelp("How to find numbers far outside the usual range.")
          .addChoice("none", "Leave them")
          .addChoice("iqr", "IQR rule (robust)")
          .addChoice("zscore", "z-score (distance from the mean)")
          .optDefault("none")
          .build();

  /** Whether outliers are dropped or clipped. */
  public static final Param<String> OUTLIER_ACTION =
      Param.choice("outlierAction")
          .setLabel("Outlier action")
          .setHelp("Drop the rows holding outliers, or clip the values to the usual range.")
          .addChoice("clip", "Clip to the range")
          .addChoice("drop", "Drop the rows")
          .optDefault("clip")
          .build();

  /** Tukey's k for the IQR rule. */
  public static final Param<Double> IQR_FACTOR =
      Param.number("iqrFactor")
          .setLabel("IQR factor")
          .setHelp("How many interquartile ranges beyond the quartiles count as an outlier.")
          .optDefault(1.5)
          .optRange(0.5, 10.0)
          .optAdvanced(true)
          .build();

  /** The z-score limit. */
  public static final Param<Double> Z_LIMIT =
      Param.number("zLimit")
          .setLabel("z-score limit")
          .setHelp("How many standard deviations from the mean count as an outlier.")
          .optDefault(3.0)
          .optRange(1.0, 10.0)
          .optAdvanced(true)
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("prepare.clean")
          .setDisplayName("Clean")
          .setCategory(Category.PREPARE)
          .setSummary("Fixes missing values, duplicate rows and outliers.")
          .setWhatItDoes(
              "Removes the columns you name and rows that repeat exactly, then fills"
                  + " or drops missing values, then finds numbers far outside the usual range and drops"
                  + " or clips them. Every change is written down in plain words.")
          .optWhyItMatters(
              "Most models cannot learn from empty cells, and a few wild values or"
                  + " repeated rows can pull a model off course.")
          .optWatchOutFor(
              "Filling with the mean or median uses every row, test rows included;"
                  + " with small data prefer dropping rows. Outliers are sometimes the interesting"
                  + " cases (fraud, faults): look before you clip.")
          .addInput(TABLE_IN)
          .addOutput(TABLE)
          .addOutput(REPORT)
          .addParam(DROP_COLUMNS)
          .addParam(DROP_DUPLICATES)
          .addParam(MISSING)
          .addParam(FILL_VALUE)
          .addParam(MISSING_COLUMNS)
          .addParam(OUTLIERS)
          .addParam(OUTLIER_ACTION)
          .addParam(IQR_FACTOR)
          .addParam(Z_LIMIT)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Table table = inputs.get(TABLE_IN);
    ChangeLog log = new ChangeLog(ctx);
    CleanSteps steps = new CleanSteps(log, ctx);
    int before = table.rowCount();
    List<String> drop = ColumnList.names(params.get(DROP_COLUMNS));
    ColumnList.resolve(
        table,
        params.get(DROP_COLUMNS),
        EnumSet.allOf(ColumnType.class),
        ctx.nodeId(),
        DROP_COLUMNS.name(),
        "Clean");
    if (!drop.isEmpty()) {
      table = table.withoutColumns(drop);
      log.add(
          "Dropped columns",
          "Dropped "
              + ChangeLog.count(drop.size(), "column")
              + ": "
              + String.join(", ", drop)
              + ".");
    }
    if (params.get(DROP_DUPLICATES)) {
      table = steps.dropDuplicates(table);
    }
    ctx.checkCancelled();
    String missing = params.get(MISSING);
    if (!missing.equals("keep")) {
      List<Column> cols =
          ColumnList.resolve(
              table,
              params.get(MISSING_COLUMNS),
              EnumSet.allOf(ColumnType.class),
              ctx.nodeId(),
              MISSING_COLUMNS.name(),
              "Clean");
      if (params.get(MISSING_COLUMNS).isBlank()) {
        cols = table.columns();
      }
      if (missing.equals("constant") && !params.isSet(FILL_VALUE)) {
        throw NodeException.atParam(
            ctx.nodeId(),
            FILL_VALUE.name(),
            "\"Missing values\" is set to fill with a value you choose, but no fill value is set.",
            "Type the value to put into empty cells, such as 0 or unknown.");
      }
      table = steps.missing(table, cols, missing, params.get(FILL_VALUE), FILL_VALUE.name());
    }
    ctx.checkCancelled();
    String outliers = params.get(OUTLIERS);
    if (!outliers.equals("none")) {
      double limit = outliers.equals("iqr") ? params.get(IQR_FACTOR) : params.get(Z_LIMIT);
      table =
          steps.outliers(
              table, outliers.equals("iqr"), limit, params.get(OUTLIER_ACTION).equals("drop"));
    }
    if (log.isEmpty()) {
      log.add(
          "Nothing to change",
          "Nothing needed cleaning: no duplicates, missing values or"
              + " outliers were found with these settings.");
    }
    log.metric("rows before", before);
    log.metric("rows after", table.rowCount());
    ctx.progress(1, null);
    return Outputs.builder()
        .put(TABLE, table)
        .put(REPORT, log.report("What Clean changed"))
        .build();
  }
}
