package dev.blocksmith.engine.exec;

import dev.blocksmith.engine.djl.Devices;
import dev.blocksmith.engine.djl.MemoryLimits;
import dev.blocksmith.engine.plan.Plan;
import dev.blocksmith.engine.plan.PlanStep;
import dev.blocksmith.engine.spi.Estimable;
import dev.blocksmith.engine.spi.Estimate;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Estimates what the training blocks of a plan will cost without training them: runs what they read
 * from (from the cache when it can, in a throw-away run folder), then asks each {@link Estimable}
 * block for its estimate on the real inputs, and adds the warnings that compare it with this
 * machine (memory that will not fit, a time of an hour or more).
 */
public final class Estimator {
  /** Seconds each training block's timing probe may take. */
  public static final double PROBE_SECONDS = 2.0;

  /** An expected time at least this long is warned about (seconds). */
  public static final double LONG_SECONDS = 3600;

  private Estimator() {}

  /**
   * The estimates of a plan.
   *
   * @param estimates one per training block that could be estimated, in plan order
   * @param skipped why the others could not be, by node id
   * @param millis the wall time of the whole estimate (upstream blocks included)
   */
  public record Result(List<Estimate> estimates, Map<String, String> skipped, long millis) {
    /** Copies the collections. */
    public Result {
      estimates = List.copyOf(estimates);
      skipped = Map.copyOf(skipped);
    }

    /** Returns whether any estimate carries a warning. */
    public boolean warns() {
      return estimates.stream().anyMatch(e -> !e.warnings().isEmpty());
    }
  }

  /** Returns the training blocks of a plan that can say what they will cost. */
  static List<PlanStep> estimable(Plan plan) {
    return plan.steps().stream().filter(s -> s.type() instanceof Estimable).toList();
  }

  /**
   * Returns, by node id, the training blocks whose inputs cannot be had without training another
   * block first (one upstream training block is not in the cache), with the reason.
   */
  static Map<String, String> blocked(Plan plan, OutputCache cache) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PlanStep s : estimable(plan)) {
      ArrayDeque<String> todo = new ArrayDeque<>(s.upstream());
      Set<String> seen = new LinkedHashSet<>();
      while (!todo.isEmpty()) {
        String id = todo.pop();
        if (!seen.add(id)) {
          continue;
        }
        PlanStep up = plan.step(id).orElseThrow();
        if (cache.contains(up.signature())) {
          continue; // what it reads from is there already
        }
        if (up.heavy()) {
          out.put(
              s.id(),
              "It learns from what '"
                  + up.displayName()
                  + "' trains, which has not run with these settings yet: run it once, then"
                  + " estimate again.");
          break;
        }
        todo.addAll(up.upstream());
      }
    }
    return out;
  }

  /**
   * Runs the plan's upstream part and returns the estimate of every training block it can estimate.
   *
   * @param plan the whole graph's plan
   * @param upstream plans a run of the given targets (the training blocks' sources)
   * @param executor runs the upstream part
   * @param setup device, seed and folders; its runs folder is replaced by a temporary one
   * @param cache the session's cache
   * @param listener gets the upstream run's events
   */
  public static Result run(
      Plan plan,
      Function<Set<String>, Plan> upstream,
      Executor executor,
      RunSetup setup,
      OutputCache cache,
      RunListener listener)
      throws InterruptedException {
    long t0 = System.nanoTime();
    Map<String, String> skipped = new LinkedHashMap<>(blocked(plan, cache));
    List<PlanStep> todo =
        estimable(plan).stream().filter(s -> !skipped.containsKey(s.id())).toList();
    Set<String> sources = new LinkedHashSet<>();
    todo.forEach(s -> sources.addAll(s.upstream()));
    Path tmp;
    try {
      tmp = Files.createTempDirectory("blocksmith-estimate");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a folder for the estimate", e);
    }
    RunSetup quiet =
        new RunSetup(
            setup.graphName(),
            tmp,
            setup.baseDir(),
            setup.device(),
            setup.seed(),
            setup.reproducible(),
            setup.graphJson());
    List<Estimate> estimates = new ArrayList<>();
    try {
      Map<String, Map<String, Object>> outputs = Map.of();
      if (!sources.isEmpty() && !todo.isEmpty()) {
        RunResult r;
        try {
          r = executor.start(upstream.apply(sources), quiet, cache, listener).result().get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("The blocks before training stopped: " + e.getCause());
        }
        outputs = r.outputs();
        for (PlanStep s : todo) {
          for (String src : s.upstream()) {
            if (!outputs.containsKey(src) && !skipped.containsKey(s.id())) {
              String why = r.messages().getOrDefault(src, "it did not finish");
              skipped.put(s.id(), "'" + src + "', which it learns from, failed: " + why);
            }
          }
        }
      }
      try (RunFolder folder = RunFolder.create(tmp)) {
        for (PlanStep s : todo) {
          if (skipped.containsKey(s.id())) {
            continue;
          }
          try {
            estimates.add(estimate(s, outputs, folder, quiet));
          } catch (NodeException e) {
            skipped.put(s.id(), e.getMessage() + (e.fix() == null ? "" : " " + e.fix()));
          } catch (RuntimeException e) {
            skipped.put(s.id(), "The estimate failed: " + e);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } finally {
      deleteQuietly(tmp);
    }
    return new Result(estimates, skipped, (System.nanoTime() - t0) / 1_000_000);
  }

  private static Estimate estimate(
      PlanStep s, Map<String, Map<String, Object>> outputs, RunFolder folder, RunSetup setup)
      throws NodeException, InterruptedException {
    Map<String, Object> in = new HashMap<>();
    s.inputs()
        .forEach(
            (port, from) -> {
              Object v = outputs.getOrDefault(from.node(), Map.of()).get(from.port());
              if (v != null) {
                in.put(port, v);
              }
            });
    var device = Devices.choose(setup.device());
    Executor.HEAVY.acquire();
    try (NodeRunContext ctx =
        new NodeRunContext(
            folder.runId(),
            s.id(),
            e -> {},
            folder,
            new AtomicBoolean(),
            new AtomicBoolean(),
            () -> device,
            () -> Devices.seed(setup.seed()),
            setup.seed(),
            setup.baseDir(),
            null)) {
      Estimate e =
          ((Estimable) s.type()).estimate(new Inputs(s.id(), in), s.params(), ctx, PROBE_SECONDS);
      return e.withWarnings(warnings(e, MemoryLimits.current(device)));
    } catch (NodeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      Executor.HEAVY.release();
    }
  }

  /** Returns the warnings of an estimate on a machine with these limits. */
  public static List<String> warnings(Estimate e, MemoryLimits limits) {
    List<String> out = new ArrayList<>(limits.check(e.memory()));
    Estimate.Time t = e.time();
    if (t.measured() && t.expected() >= LONG_SECONDS) {
      out.add(
          String.format(
              Locale.ROOT,
              "It will take hours: about %s (up to %s). Try fewer epochs, a smaller model or"
                  + " fewer examples first.",
              hours(t.expected()),
              hours(t.high())));
    } else if (t.measured() && t.high() >= LONG_SECONDS) {
      out.add(
          "It may take up to " + hours(t.high()) + " if early stopping does not end it sooner.");
    }
    return out;
  }

  private static String hours(double seconds) {
    return String.format(Locale.ROOT, "%.1f hours", seconds / 3600);
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // A leftover temporary file is harmless.
                }
              });
    } catch (IOException e) {
      // Same.
    }
  }
}
