package dev.blocksmith.nodes.train;

import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.spi.Estimate;
import dev.blocksmith.engine.spi.ForwardingContext;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Automatic model choice of {@link Train} for tables: trains a few sensible candidates (a
 * linear model and multi-layer perceptrons of different sizes, learning rates and weight decay),
 * each for a budget counted in optimisation steps, judges them on the validation part only (the
 * test part is never seen), keeps the best and says why. The search is bounded by a number of
 * candidates and a time limit, both logged before it starts.
 *
 * <p>Judging (measured with {@code bench/real-data}): a classifier is judged on validation
 * accuracy, and a more complex candidate must be right on at least one more validation example than
 * a simpler one to replace it. Judging on validation loss instead picked over-confident networks
 * whose loss on 24 validation examples was near 0 and that then did worse on the test part than the
 * linear model (wine: 88.9 % against 100 %). A regression is judged on validation loss, with a 2 %
 * margin in favour of the simpler model.
 */
final class ModelSearch {
  /** Optimisation steps each candidate may take at most (early stopping usually ends sooner). */
  static final int STEPS = 2000;

  /** Early stopping patience of a candidate, in steps. */
  static final int PATIENCE_STEPS = 300;

  /**
   * Examples per step at most. Small tables use smaller batches (at least 8, about 16 steps an
   * epoch): the cost of a small model is mostly per epoch (shuffling, validating, keeping the best
   * weights), and wine's 124 training rows in batches of 32 needed 500 epochs for 2,000 steps.
   */
  static final int BATCH = 32;

  /** A more complex regression must beat a simpler one's validation loss by this share. */
  static final double MARGIN = 0.02;

  /**
   * Below this many training and validation rows together, candidates are judged by {@link #FOLDS}
   * -fold cross-validation over both parts, and the winner is then trained again on both. Measured
   * with {@code bench/real-data}: a validation part of 23–66 rows picked the wrong candidate often
   * enough to cost 2 points on wine and 0.03 R² on diabetes (one row of 27 is 3.7 points).
   */
  static final int CV_ROWS = 2000;

  /** Folds of the cross-validated search on small tables. */
  static final int FOLDS = 5;

  private ModelSearch() {}

  /** One setting to try; no hidden layers means a linear model. */
  record Candidate(List<Integer> hidden, double learningRate, double weightDecay, double dropout) {
    ArchSpec arch(Preprocessing pre) {
      return ArchSpec.mlp(pre.exampleShape(), hidden, pre.outputs(), pre.task())
          .withDropout(dropout);
    }

    String describe() {
      String model =
          hidden.isEmpty()
              ? "linear model"
              : "MLP with hidden layers " + hidden.toString().replace(" ", "");
      return String.format(
          Locale.ROOT,
          "%s, learning rate %s, weight decay %s%s",
          model,
          number(learningRate),
          number(weightDecay),
          dropout > 0 ? ", dropout " + number(dropout) : "");
    }
  }

  /**
   * The candidates, simplest first (ties go to the simpler one). The first linear model is strongly
   * regularised: Adam's decoupled weight decay of 1 at learning rate 0.01 shrinks every weight by 1
   * % a step, which bounds it near 1 on standardised features, about what scikit-learn's
   * LogisticRegression (C = 1) gets on small tables. Measured on wine (5 seeds): 99.3 % against
   * 96.3 % with weight decay 0.01, which barely regularises (0.01 % a step); a second linear model
   * with 0.0001 scored like the 0.01 one everywhere and was dropped.
   */
  static final List<Candidate> CANDIDATES =
      List.of(
          new Candidate(List.of(), 0.01, 1, 0),
          new Candidate(List.of(), 0.01, 1e-2, 0),
          new Candidate(List.of(64), 0.003, 1e-3, 0),
          new Candidate(List.of(128, 128), 0.001, 1e-2, 0.2),
          new Candidate(List.of(256), 0.003, 1e-3, 0.1));

  /** The candidate trained when there is no validation part to compare on. */
  static final Candidate FALLBACK = CANDIDATES.get(2);

  /** Returns how many models the search trains at most (for the cost of one of them). */
  static int trainings(Preprocessing.Encoded tr, Preprocessing.Encoded va) {
    if (va == null) {
      return 1;
    }
    return crossValidates(tr.rows() + va.rows())
        ? CANDIDATES.size() * FOLDS + 1
        : CANDIDATES.size();
  }

  /** Returns whether a search over this many training and validation rows cross-validates. */
  static boolean crossValidates(int rows) {
    return rows < CV_ROWS && rows >= 2 * FOLDS;
  }

  /** Returns the plan announced before the search: the candidates and the limits. */
  static String plan(int seconds) {
    return "Automatic model choice: trying up to "
        + CANDIDATES.size()
        + " candidates (a linear "
        + "model and neural networks of different sizes, learning rates and weight decay), each "
        + "for at most "
        + String.format(Locale.ROOT, "%,d", STEPS)
        + " learning steps, within "
        + seconds
        + " s in all. They are compared on the validation part only; the test part is "
        + "never looked at.";
  }

  /**
   * Returns the winning model. Without validation examples there is nothing to compare on, so the
   * fallback candidate is trained alone (and the log says so). {@code train} and {@code validation}
   * are the raw parts {@code tr} and {@code va} encode (the cross-validated search encodes them
   * again when it leaves out columns); {@code groups} (one per training row, then one per
   * validation row; null entries or a null array when there are none) keeps rows of one id in one
   * fold.
   */
  static Fitting.Fitted run(
      Preprocessing pre,
      Preprocessing.Encoded tr,
      Preprocessing.Encoded va,
      Dataset train,
      Dataset validation,
      String[] groups,
      boolean regression,
      int seconds,
      NodeContext ctx)
      throws NodeException {
    if (va != null && crossValidates(tr.rows() + va.rows())) {
      return CrossValidatedSearch.run(
          pre, tr, va, train, validation, groups, regression, seconds, ctx);
    }
    return holdout(pre, tr, va, regression, seconds, ctx);
  }

  /**
   * Returns the winner judged on the validation part alone (large tables), or the fallback trained
   * alone when there is no validation part.
   */
  static Fitting.Fitted holdout(
      Preprocessing pre,
      Preprocessing.Encoded tr,
      Preprocessing.Encoded va,
      boolean regression,
      int seconds,
      NodeContext ctx)
      throws NodeException {
    if (va == null) {
      ctx.log(
          "Automatic model choice needs a validation part to compare candidates; without one "
              + "it trains a single "
              + FALLBACK.describe()
              + ". Connect Split's validation part to "
              + "let it choose.");
      Fitting.Fitted f = fit(FALLBACK, pre, tr, null, regression, FALLBACK.describe(), ctx);
      Fitting.replayCurves(f.model().history(), ctx);
      return f;
    }
    ctx.log(plan(seconds));
    long start = System.nanoTime();
    List<String> tried = new ArrayList<>();
    Fitting.Fitted best = null;
    Candidate winner = null;
    double lowest = Double.POSITIVE_INFINITY;
    double highest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < CANDIDATES.size(); i++) {
      if (best != null && ctx.isCancelled()) {
        break;
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      if (i > 0 && elapsed + elapsed / i > seconds) {
        ctx.log(
            String.format(
                Locale.ROOT,
                "Stopped the search after %d of %d candidates: the "
                    + "next one would pass the time limit of %d s.",
                i,
                CANDIDATES.size(),
                seconds));
        break;
      }
      Candidate c = CANDIDATES.get(i);
      Fitting.Fitted f;
      try {
        f = fit(c, pre, tr, va, regression, null, new Trial(ctx, i, CANDIDATES.size()));
      } catch (NodeException e) {
        if (e.kind() == NodeException.Kind.CANCELLED && best != null) {
          break; // cancelled before this candidate finished an epoch: keep the best one so far
        }
        if (e.kind() != NodeException.Kind.DIVERGED) {
          throw e;
        }
        tried.add((i + 1) + ". " + c.describe() + ": became unstable (diverged), skipped");
        ctx.log("Candidate " + (i + 1) + " (" + c.describe() + ") became unstable; skipped it.");
        continue;
      }
      double loss = f.validationLoss();
      String score =
          regression
              ? String.format(Locale.ROOT, "validation loss %.4f", loss)
              : String.format(
                  Locale.ROOT,
                  "validation loss %.4f, validation accuracy %.1f %%",
                  loss,
                  100 * f.validationAccuracy());
      String line =
          (i + 1)
              + ". "
              + c.describe()
              + ": "
              + score
              + " after "
              + String.format(Locale.ROOT, "%,d", f.result().bestEpoch() * f.steps())
              + " steps";
      tried.add(line);
      lowest = Math.min(lowest, loss);
      highest = Math.max(highest, f.validationAccuracy());
      ctx.log("Tried " + line + ".");
      if (best == null || better(f, best, regression, va.rows())) {
        best = f;
        winner = c;
      }
    }
    if (best == null) {
      throw allDiverged(ctx);
    }
    String why =
        (ctx.isCancelled() ? "Cancelled during the search. " : "")
            + "Kept the "
            + winner.describe()
            + ": "
            + reason(best, regression, lowest, highest)
            + ". Tried "
            + tried.size()
            + (tried.size() == 1 ? " candidate" : " candidates")
            + " in "
            + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9)
            + " s.";
    ctx.log(why);
    String settings =
        "Automatic model choice. " + why + " Candidates: " + String.join("; ", tried) + ".";
    Fitting.replayCurves(best.model().history(), ctx);
    return new Fitting.Fitted(
        best.model().withProvenance(best.model().provenance().withSettings(settings)),
        best.result(),
        best.steps(),
        best.config());
  }

  /** Returns whether {@code f}, more complex than {@code best}, should replace it. */
  static boolean better(Fitting.Fitted f, Fitting.Fitted best, boolean regression, int rows) {
    if (regression || Double.isNaN(f.validationAccuracy())) {
      return f.validationLoss() < best.validationLoss() * (1 - MARGIN);
    }
    return f.validationAccuracy() > best.validationAccuracy() + 0.5 / rows;
  }

  private static String reason(
      Fitting.Fitted best, boolean regression, double lowest, double highest) {
    if (regression) {
      return best.validationLoss() <= lowest
          ? String.format(
              Locale.ROOT, "it had the lowest validation loss (%.4f)", best.validationLoss())
          : String.format(
              Locale.ROOT,
              "its validation loss (%.4f) was within %d %% of the lowest "
                  + "(%.4f), and a simpler model is less likely to have fitted the validation part by "
                  + "luck",
              best.validationLoss(),
              (int) (MARGIN * 100),
              lowest);
    }
    return best.validationAccuracy() >= highest
        ? String.format(
            Locale.ROOT,
            "it was right on the most validation examples (%.1f %%) and no"
                + " more complex candidate did better",
            100 * best.validationAccuracy())
        : String.format(
            Locale.ROOT,
            "its validation accuracy (%.1f %%) was within one example of"
                + " the best (%.1f %%), and a simpler model is less likely to have fitted the "
                + "validation part by luck",
            100 * best.validationAccuracy(),
            100 * highest);
  }

  static Fitting.Fitted fit(
      Candidate c,
      Preprocessing pre,
      Preprocessing.Encoded tr,
      Preprocessing.Encoded va,
      boolean regression,
      String settings,
      NodeContext ctx)
      throws NodeException {
    TrainConfig config = config(c, tr.rows(), regression, ctx.seed());
    return Fitting.fit(c.arch(pre), pre, tr, va, config, settings, ctx);
  }

  /** Returns the settings a candidate trains with on a training part of {@code rows} rows. */
  static TrainConfig config(Candidate c, int rows, boolean regression, long seed) {
    int batch = batchSize(rows);
    int steps = Fitting.stepsPerEpoch(rows, batch);
    int epochs = Math.max(1, Math.min(1000, (STEPS + steps - 1) / steps));
    return new TrainConfig(
        epochs,
        batch,
        c.learningRate(),
        TrainConfig.Optimizer.ADAM,
        regression ? TrainConfig.Loss.L2 : TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY,
        1,
        seed,
        c.weightDecay(),
        PATIENCE_STEPS);
  }

  /**
   * Returns the estimate of the search: every candidate is timed with a short probe and the search
   * is replayed with those times, including the time limit that stops it from starting the next
   * candidate. Without a validation part only the fallback candidate trains.
   */
  static Estimate estimate(
      Preprocessing pre,
      Preprocessing.Encoded tr,
      Preprocessing.Encoded va,
      boolean regression,
      int seconds,
      NodeContext ctx,
      double probeSeconds)
      throws NodeException {
    List<Candidate> candidates = va == null ? List.of(FALLBACK) : CANDIDATES;
    List<TrainEstimates.Fit> fits = new ArrayList<>();
    for (Candidate c : candidates) {
      TrainConfig config = config(c, tr.rows(), regression, ctx.seed());
      fits.add(
          TrainEstimates.fit(c.arch(pre), tr, va, config, ctx, probeSeconds / candidates.size()));
    }
    boolean cv = va != null && crossValidates(tr.rows() + va.rows());
    // Cross-validated: each candidate trains once per fold (on about as many rows as the training
    // part), and the winner once more on all rows, costed as the slowest candidate.
    int per = cv ? FOLDS : 1;
    double[] low = replay(fits, seconds, f -> per * f.low());
    double[] expected = replay(fits, seconds, f -> per * f.expected());
    double[] high = replay(fits, seconds, f -> per * f.high());
    if (cv) {
      low[0] += fits.stream().mapToDouble(TrainEstimates.Fit::low).max().orElse(0);
      expected[0] += fits.stream().mapToDouble(TrainEstimates.Fit::expected).max().orElse(0);
      high[0] += fits.stream().mapToDouble(TrainEstimates.Fit::high).max().orElse(0);
    }
    TrainEstimates.Fit largest =
        fits.stream().max(java.util.Comparator.comparingLong(TrainEstimates.Fit::parameters)).get();
    Estimate.Memory memory =
        fits.stream()
            .map(TrainEstimates.Fit::memory)
            .max(java.util.Comparator.comparingLong(Estimate.Memory::total))
            .get();
    long steps =
        fits.stream().mapToLong(TrainEstimates.Fit::steps).sum() * per
            + (cv ? fits.stream().mapToLong(TrainEstimates.Fit::steps).max().orElse(0) : 0);
    List<String> notes = new ArrayList<>();
    notes.add(
        cv
            ? String.format(
                Locale.ROOT,
                "Automatic model choice on a small table: %d candidates, each judged by %d-fold"
                    + " cross-validation over the training and validation parts (%d trainings of"
                    + " at most %,d steps, early stopping after %,d steps without progress), then"
                    + " the winner trained once more on both parts; within the time limit of %d s.",
                candidates.size(),
                FOLDS,
                candidates.size() * FOLDS,
                STEPS,
                PATIENCE_STEPS,
                seconds)
            : va == null
                ? "Automatic model choice without a validation part: trains only the "
                    + FALLBACK.describe()
                    + "."
                : String.format(
                    Locale.ROOT,
                    "Automatic model choice: %d candidates, each for at most %,d steps (early stopping"
                        + " after %,d steps without progress), within the time limit of %d s.",
                    candidates.size(),
                    STEPS,
                    PATIENCE_STEPS,
                    seconds));
    for (int i = 0; i < fits.size(); i++) {
      TrainEstimates.Fit f = fits.get(i);
      notes.add(
          String.format(
              Locale.ROOT,
              "Candidate %d (%s): %s to %s%s.",
              i + 1,
              candidates.get(i).describe(),
              TrainEstimates.duration(per * f.low()),
              TrainEstimates.duration(per * f.high()),
              cv ? " for its " + FOLDS + " folds" : ""));
    }
    if (expected[1] < candidates.size()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "The time limit (%d s) is expected to stop the search after %d of %d candidates.",
              seconds,
              (int) expected[1],
              candidates.size()));
    }
    boolean timed = fits.stream().allMatch(f -> f.timing() != null);
    var first = fits.get(0).timing();
    return new Estimate(
        ctx.nodeId(),
        candidates.size() == 1
            ? largest.arch().describe()
            : candidates.size() + " candidates, up to " + largest.arch().describe(),
        tr.rows(),
        va == null ? 0 : va.rows(),
        largest.parameters(),
        largest.trainable(),
        memory,
        timed
            ? new Estimate.Time(
                // The time limit makes the total non-monotonic: quicker candidates let more start.
                Math.min(low[0], Math.min(expected[0], high[0])),
                expected[0],
                Math.max(low[0], Math.max(expected[0], high[0])),
                steps,
                first.perStep(),
                fits.stream().mapToInt(f -> f.timing().steps()).sum(),
                fits.stream().mapToDouble(f -> f.timing().seconds()).sum())
            : Estimate.Time.unknown(steps),
        notes,
        List.of());
  }

  /**
   * Returns the seconds of the search and the candidates it trains, replaying its loop: it stops
   * before a candidate when the time so far plus the average candidate's would pass the limit.
   */
  private static double[] replay(
      List<TrainEstimates.Fit> fits,
      int seconds,
      java.util.function.ToDoubleFunction<TrainEstimates.Fit> time) {
    double elapsed = 0;
    int i = 0;
    for (; i < fits.size(); i++) {
      if (i > 0 && elapsed + elapsed / i > seconds) {
        break;
      }
      elapsed += time.applyAsDouble(fits.get(i));
    }
    return new double[] {elapsed, i};
  }

  /** Returns the batch size for a training part of this many rows. */
  static int batchSize(int rows) {
    return Math.max(8, Math.min(BATCH, rows / 16));
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e6
        ? String.valueOf((long) v)
        : new java.math.BigDecimal(v)
            .round(new java.math.MathContext(3))
            .stripTrailingZeros()
            .toPlainString();
  }

  /**
   * The context of one candidate: its progress fills its share of the bar, its curves are not
   * streamed (only the winner's are, afterwards) and its log lines are kept out of the node's log.
   */
  static final class Trial extends ForwardingContext {
    private final int index;
    private final int count;

    Trial(NodeContext ctx, int index, int count) {
      super(ctx);
      this.index = index;
      this.count = count;
    }

    @Override
    public void progress(double fraction, String message) {
      delegate()
          .progress(
              (index + fraction) / count,
              "Candidate "
                  + (index + 1)
                  + " of "
                  + count
                  + (message == null ? "" : ": " + message));
    }

    @Override
    public void log(String message) {}

    @Override
    public void metric(String name, int step, double value) {}
  }

  /** The error when every candidate of the search became unstable. */
  static NodeException allDiverged(NodeContext ctx) {
    return new NodeException(
        NodeException.Kind.DIVERGED,
        ctx.nodeId(),
        null,
        null,
        "Every candidate of the automatic model choice became unstable (the loss was no longer"
            + " a number).",
        "Check the data for huge values (normalize it), or choose a model type and a small "
            + "learning rate (0.0001) yourself.",
        null);
  }
}
