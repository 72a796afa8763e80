package dev.blocksmith.engine.exec;

import dev.blocksmith.engine.home.OutputLedger;
import dev.blocksmith.engine.plan.Fingerprints;
import dev.blocksmith.engine.plan.PlanStep;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.validate.PathChecks;
import java.nio.file.Path;
import java.util.Map;

/**
 * What blocks with effects outside the graph ({@link NodeSpec#writes()}) wrote, by signature: the
 * fingerprints of their files right after they ran. A cached answer for such a block counts only
 * while the files are still exactly what it wrote; after a restart nothing is known, so it runs
 * again. One per executor.
 */
final class WrittenFiles {
  private static final int MAX_ENTRIES = 4096;
  private final Map<String, String> bySignature =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** Returns whether the step writes nothing outside the graph. */
  static boolean writesNothing(PlanStep step) {
    return step.type().spec().writes().isEmpty();
  }

  /** Returns the current fingerprints of everything the step writes. */
  static String now(PlanStep step, Path baseDir) {
    NodeSpec spec = step.type().spec();
    StringBuilder sb = new StringBuilder();
    for (String name : spec.writes()) {
      ParamSpec p = spec.param(name).orElseThrow();
      sb.append(name)
          .append('=')
          .append(Fingerprints.of(spec, p, step.params(), baseDir))
          .append(';');
    }
    return sb.toString();
  }

  /**
   * Adds every file the step wrote to the user's {@link OutputLedger}, so a later run may replace
   * it without asking while it stays unchanged. A ledger that cannot be written only means the user
   * is asked next time.
   */
  static void ledger(PlanStep step, Path baseDir) {
    NodeSpec spec = step.type().spec();
    OutputLedger ledger = OutputLedger.current();
    for (String name : spec.writes()) {
      ParamSpec p = spec.param(name).orElseThrow();
      Param<String> key = Param.wrap(p, String.class);
      try {
        if (step.params().isSet(key)) {
          ledger.record(PathChecks.realPath(step.params().path(key, baseDir)));
        }
      } catch (java.io.IOException | RuntimeException e) {
        // not recorded: the next run over this file asks first
      }
    }
  }

  /** Records what the step wrote, as fingerprinted after it ran. */
  synchronized void record(PlanStep step, String fingerprints) {
    bySignature.put(step.signature(), fingerprints);
  }

  /** Returns whether what the step wrote last time is still there, unchanged. */
  synchronized boolean unchanged(PlanStep step, Path baseDir) {
    String then = bySignature.get(step.signature());
    return then != null && then.equals(now(step, baseDir));
  }
}
