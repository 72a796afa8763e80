package dev.blocksmith.engine.model;

import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.model.Preprocessing.Op;
import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Recipe;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fits a {@link Preprocessing} on a training part. Everything it learns (means, ranges, category
 * lists, class names) comes from the data it is given and nothing else, which is what makes
 * training leakage-safe by construction: give it the training part only.
 */
public final class Featurizer {

  /** A number label with more distinct values than this is treated as regression. */
  public static final int MAX_CLASSES_FOR_NUMBERS = 20;

  private Featurizer() {}

  /**
   * Returns the preprocessing fitted on {@code train}, using its marked label and guessing the
   * task.
   */
  public static Preprocessing fit(Dataset train) {
    String label = train instanceof Table t ? t.labelColumn().map(Column::name).orElse(null) : null;
    return fit(train, label, null);
  }

  /**
   * Returns the preprocessing fitted on {@code train}.
   *
   * @param train the training part (only)
   * @param labelColumn for tables, the column to predict; ignored for images
   * @param task what to predict, or null to guess it with {@link #detectTask(Column)}
   * @throws IllegalArgumentException in plain words when there is no usable label
   */
  public static Preprocessing fit(Dataset train, String labelColumn, ArchSpec.Task task) {
    if (train instanceof ImageSet images) {
      return new Preprocessing(
          1,
          Preprocessing.Input.IMAGES,
          List.of(),
          List.of(images.channels(), images.height(), images.width()),
          null,
          ArchSpec.Task.CLASSIFICATION,
          images.classNames(),
          List.of(),
          0,
          1);
    }
    Table table = (Table) train;
    Column label =
        table
            .column(labelColumn == null ? "" : labelColumn)
            .orElseThrow(
                () -> new IllegalArgumentException("The table has no column to predict (label)."));
    ArchSpec.Task t = task != null ? task : detectTask(label);
    List<String> classes = t == ArchSpec.Task.CLASSIFICATION ? classNames(label) : List.of();
    if (t == ArchSpec.Task.REGRESSION && !(label instanceof NumberColumn)) {
      throw new IllegalArgumentException(
          "Predicting a number needs a number column, but \""
              + label.name()
              + "\" is "
              + label.type().name().toLowerCase()
              + ".");
    }
    List<ColumnStep> steps = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Recipe recipe = table.recipe();
    for (Column c : table.featureColumns()) {
      if (c.name().equals(label.name())) {
        continue;
      }
      if (recipe.textOf(c.name()).isPresent()) {
        steps.add(TextSteps.fit(c, recipe.textOf(c.name()).get(), recipe.maxWords()));
        continue;
      }
      switch (c.type()) {
        case NUMBER -> steps.add(number((NumberColumn) c, recipe.scalingOf(c.name())));
        case BOOLEAN -> steps.add(bool((BooleanColumn) c));
        case CATEGORY ->
            steps.add(
                category((CategoryColumn) c, recipe.encodingOf(c.name()), recipe.maxOneHot()));
        default -> ignored.add(c.name());
      }
    }
    double center = 0;
    double scale = 1;
    if (t == ArchSpec.Task.REGRESSION) {
      // Networks learn badly on targets like 250,000: learn the standardized target instead.
      ColumnStep target = number((NumberColumn) label, Recipe.Scaling.STANDARDIZE);
      center = target.center();
      scale = target.scale();
    }
    steps = Imputer.fit(steps, table);
    return new Preprocessing(
        version(steps),
        Preprocessing.Input.TABLE,
        steps,
        List.of(),
        label.name(),
        t,
        classes,
        ignored,
        center,
        scale);
  }

  /**
   * Returns the version a table preprocessing with these steps is written as: the lowest that can
   * run them, so that files without text or gap filling keep version 1 (and their bytes) and older
   * builds refuse only what they cannot run.
   */
  private static int version(List<ColumnStep> steps) {
    if (steps.stream().anyMatch(s -> s.imputation() != null)) {
      return Preprocessing.IMPUTATION_VERSION;
    }
    boolean text =
        steps.stream().anyMatch(s -> s.op() == Op.TEXT_MEANING || s.op() == Op.TEXT_WORDS);
    return text ? Preprocessing.TEXT_VERSION : 1;
  }

  /**
   * Returns {@code pre} (fitted on {@code train}) without the steps of {@code columns}, as if they
   * had been left out from the start: the other steps are unchanged and the gap filling from the
   * other columns is fitted again on {@code train} without them, so that nothing reads them.
   *
   * @throws IllegalArgumentException when {@code pre} is not for a table
   */
  public static Preprocessing without(
      Preprocessing pre, Dataset train, java.util.Collection<String> columns) {
    if (pre.input() != Preprocessing.Input.TABLE || !(train instanceof Table table)) {
      throw new IllegalArgumentException("Only columns of a table can be left out.");
    }
    List<ColumnStep> kept =
        pre.steps().stream().filter(s -> !columns.contains(s.column())).toList();
    kept = Imputer.fit(kept, table);
    return pre.withSteps(version(kept), kept);
  }

  /**
   * Returns the task a label suggests: numbers with many distinct values (or fractions) are
   * regression, everything else classification.
   */
  public static ArchSpec.Task detectTask(Column label) {
    if (!(label instanceof NumberColumn n)) {
      return ArchSpec.Task.CLASSIFICATION;
    }
    Set<Double> distinct = new HashSet<>();
    for (int i = 0; i < n.size(); i++) {
      double v = n.get(i);
      if (!Double.isNaN(v)) {
        if (v != Math.rint(v)) {
          return ArchSpec.Task.REGRESSION;
        }
        distinct.add(v);
      }
    }
    return distinct.size() > MAX_CLASSES_FOR_NUMBERS
        ? ArchSpec.Task.REGRESSION
        : ArchSpec.Task.CLASSIFICATION;
  }

  /** Returns the distinct labels in a column, numerically sorted when they are all numbers. */
  public static List<String> classNames(Column label) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < label.size(); i++) {
      if (!label.isMissing(i)) {
        seen.add(label.format(i));
      }
    }
    boolean numeric = seen.stream().allMatch(Featurizer::isNumber);
    Comparator<String> order =
        numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
    TreeSet<String> sorted = new TreeSet<>(order);
    sorted.addAll(seen);
    return List.copyOf(sorted);
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static ColumnStep number(NumberColumn c, Recipe.Scaling scaling) {
    NumberColumn.Summary s = c.summary();
    int n = s.count();
    double mean = s.mean();
    double std = s.std();
    double min = s.min();
    double max = s.max();
    return switch (scaling) {
      case STANDARDIZE ->
          new ColumnStep(c.name(), Op.SCALE, mean, mean, std > 0 ? std : 1, List.of(), false);
      case MIN_MAX ->
          new ColumnStep(
              c.name(),
              Op.SCALE,
              mean,
              n == 0 ? 0 : min,
              n > 0 && max > min ? max - min : 1,
              List.of(),
              false);
      case NONE -> new ColumnStep(c.name(), Op.SCALE, mean, 0, 1, List.of(), false);
    };
  }

  private static ColumnStep bool(BooleanColumn c) {
    int yes = 0;
    int n = 0;
    for (int i = 0; i < c.size(); i++) {
      if (c.get(i) >= 0) {
        yes += c.get(i);
        n++;
      }
    }
    return new ColumnStep(
        c.name(), Op.BOOLEAN, n == 0 ? 0 : (double) yes / n, 0, 1, List.of(), false);
  }

  private static ColumnStep category(CategoryColumn c, Recipe.Encoding encoding, int maxOneHot) {
    int[] counts = c.counts();
    Map<String, Integer> present = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        present.put(c.levels().get(i), counts[i]);
      }
    }
    if (encoding == Recipe.Encoding.ORDINAL) {
      return new ColumnStep(c.name(), Op.ORDINAL, 0, 0, 1, List.copyOf(present.keySet()), false);
    }
    List<String> levels =
        present.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(Math.max(1, maxOneHot))
            .map(Map.Entry::getKey)
            .toList();
    // Keep the training order of the kept levels so encodings read naturally.
    List<String> kept = present.keySet().stream().filter(levels::contains).toList();
    return new ColumnStep(c.name(), Op.ONE_HOT, 0, 0, 1, kept, present.size() > kept.size());
  }
}
