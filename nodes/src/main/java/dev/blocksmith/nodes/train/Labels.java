package dev.blocksmith.nodes.train;

import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.DataChecks;
import dev.blocksmith.engine.model.Featurizer;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.Table;

/**
 * Finds the label and fits the preprocessing for {@link Train} (and other training blocks), turning
 * every way this can go wrong into a message that names the block and the column.
 */
public final class Labels {
  private Labels() {}

  /**
   * Returns the preprocessing fitted on {@code train}, using the "label" and "task" params.
   *
   * @throws NodeException when there is no label, only one class, or no usable feature
   */
  public static Preprocessing fit(Dataset train, Params params, NodeContext ctx)
      throws NodeException {
    String node = ctx.nodeId();
    if (train.size() == 0) {
      throw NodeException.atPort(
          node,
          "train",
          "The training data has no rows.",
          "Check the blocks before this one: did a filter or split leave nothing?");
    }
    String task = params.get(TrainParams.TASK);
    ArchSpec.Task t =
        task.equals("auto")
            ? null
            : task.equals("regression") ? ArchSpec.Task.REGRESSION : ArchSpec.Task.CLASSIFICATION;
    String label = null;
    if (train instanceof Table table) {
      String wanted = params.get(TrainParams.LABEL);
      Column column =
          wanted.isEmpty()
              ? table
                  .labelColumn()
                  .orElseThrow(
                      () ->
                          NodeException.atParam(
                              node,
                              TrainParams.LABEL.name(),
                              "Block \""
                                  + node
                                  + "\" does not know which column to predict: no column is "
                                  + "marked as label.",
                              "Set \"Column to predict\", or mark a column as label before training."))
              : table
                  .column(wanted)
                  .orElseThrow(
                      () ->
                          NodeException.atParam(
                              node,
                              TrainParams.LABEL.name(),
                              "Block \""
                                  + node
                                  + "\" should predict column \""
                                  + wanted
                                  + "\", but the "
                                  + "training data has no such column. It has: "
                                  + String.join(", ", table.columnNames())
                                  + ".",
                              "Pick one of the existing columns."));
      label = column.name();
    } else if (((ImageSet) train).classNames().size() < 2) {
      throw NodeException.atPort(
          node,
          "train",
          "Block \"" + node + "\" got images of only one class; there is nothing to tell apart.",
          "Add images of at least two classes.");
    }
    Preprocessing pre;
    try {
      pre = Featurizer.fit(train, label, t);
    } catch (IllegalArgumentException e) {
      throw NodeException.atParam(
          node,
          TrainParams.LABEL.name(),
          e.getMessage(),
          "Pick a number column to predict a number, or predict a class instead.");
    }
    if (pre.task() == ArchSpec.Task.CLASSIFICATION && pre.classNames().size() < 2) {
      throw NodeException.atParam(
          node,
          TrainParams.LABEL.name(),
          "Block \""
              + node
              + "\" should predict column \""
              + label
              + "\", but the training data "
              + "has only "
              + (pre.classNames().isEmpty()
                  ? "missing values"
                  : "the one value \"" + pre.classNames().get(0) + "\"")
              + " in it; there is nothing to tell apart.",
          "Check the column, or use a split that keeps the class balance.");
    }
    if (pre.exampleShape().get(0) == 0) {
      throw NodeException.atPort(
          node,
          "train",
          "Block \""
              + node
              + "\" found no column to learn from: every column is the label, "
              + "text, or marked as id/ignored.",
          "Add number, category or yes/no columns as features, or a Text features block before "
              + "Split to use a text column.");
    }
    if (train instanceof Table table) {
      for (DataChecks.Finding f :
          DataChecks.check(
              table, label, pre.classNames().size(), pre.task() == ArchSpec.Task.REGRESSION)) {
        if (f.error()) {
          throw NodeException.atPort(
              node,
              "train",
              "Block \"" + node + "\": " + f.message(),
              "Fix column \""
                  + f.column()
                  + "\" in the data (or mark it as ignored) and run "
                  + "again.");
        }
        ctx.log("Warning: " + f.message());
      }
    }
    if (!pre.ignoredColumns().isEmpty()) {
      ctx.log(
          "Left out text columns (a network needs numbers; a Text features block before "
              + "Split turns text into numbers): "
              + String.join(", ", pre.ignoredColumns())
              + ".");
    }
    pre.backbones().forEach(b -> ctx.log("Text is read by the pretrained " + b.describe() + "."));
    return pre;
  }

  /**
   * Returns the examples of {@code data} encoded by {@code pre}, without rows lacking a usable
   * label (logged).
   *
   * @throws NodeException when the data does not fit the preprocessing
   */
  public static Preprocessing.Encoded encode(
      Preprocessing pre, Dataset data, String port, NodeContext ctx) throws NodeException {
    Preprocessing.Encoded e;
    try {
      e = pre.transform(data);
    } catch (IllegalArgumentException ex) {
      throw NodeException.atPort(
          ctx.nodeId(),
          port,
          ex.getMessage(),
          "Connect data with the same columns (or image size) as the training data.");
    }
    int dropped = e.unlabelled();
    if (dropped > 0) {
      ctx.log("Skipped " + dropped + " " + port + " rows without a known label.");
    }
    return e.labelledOnly();
  }
}
