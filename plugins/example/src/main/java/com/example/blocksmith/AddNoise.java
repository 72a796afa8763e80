package com.example.blocksmith;

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
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.Map;
import java.util.Random;

/**
 * Adds random noise to the number feature columns of a table: a simple way to see how robust a
 * model is to measurement error.
 */
public final class AddNoise implements NodeType {
  static final Port<Table> IN =
      Port.of(
          "table",
          PortType.TABLE,
          Table.class,
          "Table",
          "The table whose number features get noise.");
  static final Port<Table> OUT =
      Port.of(
          "table", PortType.TABLE, Table.class, "Noisy table", "The same table with noise added.");
  static final Param<Double> AMOUNT =
      Param.number("amount")
          .setLabel("Amount of noise")
          .setHelp("How much noise to add, as a share of each column's spread (0.1 = 10 %).")
          .optDefault(0.1)
          .optRange(0.0, 2.0)
          .build();
  static final Param<Long> SEED =
      Param.longInteger("seed")
          .setLabel("Random seed")
          .setHelp("The same seed adds the same noise, so runs can be repeated.")
          .optDefault(7L)
          .optRange(0.0, null)
          .optAdvanced(true)
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("example.add-noise")
          .setDisplayName("Add noise")
          .setCategory(Category.PREPARE)
          .setSummary("Adds random noise to number columns to test robustness.")
          .setWhatItDoes(
              "Adds random noise, scaled to each column's spread, to every number column used as"
                  + " a feature. The label and id columns are left alone.")
          .optWhyItMatters(
              "Real measurements are never exact. A model that breaks under a little noise will"
                  + " break in the real world.")
          .optWatchOutFor("Adding noise to the test part makes the test harder, not fairer.")
          .addInput(IN)
          .addOutput(OUT)
          .addParam(AMOUNT)
          .addParam(SEED)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Table table = inputs.get(IN);
    double amount = params.get(AMOUNT);
    Random random = new Random(params.get(SEED));
    Table out = table;
    int changed = 0;
    for (Column c : table.columns()) {
      if (c instanceof NumberColumn n && table.role(c.name()) == ColumnRole.FEATURE) {
        ctx.checkCancelled();
        double[] v = n.toArray();
        double spread = spread(v);
        for (int i = 0; i < v.length; i++) {
          if (!Double.isNaN(v[i])) {
            v[i] += random.nextGaussian() * amount * spread;
          }
        }
        out = out.withColumn(NumberColumn.wrap(c.name(), v));
        changed++;
      }
    }
    ctx.log("Added noise to " + changed + " number columns.");
    return Outputs.of(OUT, out);
  }

  private static double spread(double[] v) {
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        sum += d;
        sq += d * d;
        n++;
      }
    }
    if (n < 2) {
      return 0;
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sq / n - mean * mean));
  }
}
