package dev.blocksmith.engine.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated, ordered form of a graph that the executor runs: steps in topological order (file
 * order among nodes that are ready together).
 */
public final class Plan {
  private final List<PlanStep> steps;
  private final Map<String, PlanStep> byId = new HashMap<>();

  /** Copies the steps and indexes them by node id. */
  public Plan(List<PlanStep> steps) {
    this.steps = List.copyOf(steps);
    this.steps.forEach(s -> byId.put(s.id(), s));
  }

  /** Returns the steps in run order. */
  public List<PlanStep> steps() {
    return steps;
  }

  /** Returns the step of a node, if the plan holds it (constant time). */
  public Optional<PlanStep> step(String nodeId) {
    return Optional.ofNullable(byId.get(nodeId));
  }

  /** Returns the node ids in run order. */
  public List<String> order() {
    return steps.stream().map(PlanStep::id).toList();
  }

  /** Returns, for each node, the planned nodes that read from it. */
  public Map<String, List<String>> downstream() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    steps.forEach(s -> m.put(s.id(), new ArrayList<>()));
    for (PlanStep s : steps) {
      for (String up : s.upstream()) {
        m.get(up).add(s.id());
      }
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(m);
  }
}
