package dev.blocksmith.nodes.data;

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
import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.data.charts.TableCharts;
import java.util.List;
import java.util.Map;

/**
 * The "Chart" block: the charts beginners look at before modelling — a histogram per number column,
 * the class balance, missing values per column, a scatter plot of two columns coloured by the
 * label, and a correlation matrix.
 */
public final class DataCharts implements NodeType {

  /** The table to look at. */
  public static final Port<Table> TABLE =
      Port.of("table", PortType.TABLE, Table.class, "Table", "The table to draw charts of.");

  /** The charts. */
  public static final Port<Report> CHARTS =
      Port.of(
          "charts",
          PortType.REPORT,
          Report.class,
          "Charts",
          "Histograms, class balance, missing values, a scatter plot and a correlation matrix.");

  /** The scatter plot's horizontal column. */
  public static final Param<String> X =
      Param.column("x")
          .setLabel("Scatter: across")
          .setHelp(
              "The number column along the bottom of the scatter plot. Leave empty for the "
                  + "first number column.")
          .optDefault("")
          .build();

  /** The scatter plot's vertical column. */
  public static final Param<String> Y =
      Param.column("y")
          .setLabel("Scatter: up")
          .setHelp(
              "The number column up the side of the scatter plot. Leave empty for the "
                  + "second number column.")
          .optDefault("")
          .build();

  /** Histograms drawn at most. */
  public static final Param<Integer> MAX_HISTOGRAMS =
      Param.integer("histograms")
          .setLabel("Histograms")
          .setHelp("At most this many number columns get a histogram, in column order.")
          .optDefault(8)
          .optRange(0, 100)
          .optAdvanced(true)
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("data.chart")
          .setDisplayName("Chart")
          .setCategory(Category.DATA)
          .setSummary("Look at the data before you train.")
          .setWhatItDoes(
              "Draws a histogram of every number column, how many examples each "
                  + "class has, how many values are missing per column, a scatter plot of two "
                  + "columns with a colour per class, and how strongly the number columns move "
                  + "together (a correlation matrix).")
          .optWhyItMatters(
              "Most problems a model will have are visible in the data first: a "
                  + "rare class, a column that is mostly empty, an outlier, two columns that say "
                  + "the same thing.")
          .optWatchOutFor(
              "A strong correlation between a column and the answer is worth a "
                  + "second look: it may be recorded after the fact (leakage).")
          .addInput(TABLE)
          .addOutput(CHARTS)
          .addParam(X)
          .addParam(Y)
          .addParam(MAX_HISTOGRAMS)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Table t = inputs.get(TABLE);
    if (t.rowCount() == 0) {
      throw NodeException.atPort(
          ctx.nodeId(),
          TABLE.name(),
          "The table has no rows to chart.",
          "Check the block before Chart: it produced no rows.");
    }
    for (Param<String> p : List.of(X, Y)) {
      String name = params.get(p);
      if (!name.isEmpty() && t.column(name).isEmpty()) {
        throw NodeException.atParam(
            ctx.nodeId(),
            p.name(),
            "There is no column \"" + name + "\" in the table.",
            "Pick one of: " + String.join(", ", t.columnNames()) + ".");
      }
    }
    ctx.checkCancelled();
    List<Chart> charts =
        TableCharts.all(t, params.get(X), params.get(Y), params.get(MAX_HISTOGRAMS));
    ctx.progress(1, null);
    Report r =
        new Report(
                String.format(java.util.Locale.ROOT, "Charts of %,d rows", t.rowCount()),
                "data",
                Map.of(),
                List.of(),
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of())
            .with(charts, List.of(), null);
    return Outputs.of(CHARTS, r);
  }
}
