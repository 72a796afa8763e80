package dev.blocksmith.engine.exec;

import dev.blocksmith.engine.plan.PlanStep;
import dev.blocksmith.engine.spi.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one-line summaries of a block's outputs that run events carry, port by port. */
final class Headlines {
  private Headlines() {}

  /**
   * Returns the headlines of {@code outs} in the order the step's block declares its ports (a cache
   * hands them back in any order), then any others; in the map's own order without a step.
   */
  static Map<String, String> of(PlanStep step, Map<String, Object> outs) {
    return of(inPortOrder(step, outs));
  }

  /** Returns the headline of every output, in the map's order. */
  static Map<String, String> of(Map<String, Object> outs) {
    Map<String, String> m = new LinkedHashMap<>();
    outs.forEach(
        (port, v) ->
            m.put(
                port,
                v instanceof Value val
                    ? val.headline()
                    : v == null ? "" : v.getClass().getSimpleName()));
    return m;
  }

  private static Map<String, Object> inPortOrder(PlanStep step, Map<String, Object> outs) {
    if (step == null) {
      return outs;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (var port : step.type().spec().outputs()) {
      if (outs.containsKey(port.name())) {
        m.put(port.name(), outs.get(port.name()));
      }
    }
    outs.forEach(m::putIfAbsent);
    return m;
  }
}
