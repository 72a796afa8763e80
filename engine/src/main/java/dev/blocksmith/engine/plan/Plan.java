package dev.blocksmith.engine.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated, ordered form of a graph that the executor runs: steps in topological order (file
 * order among nodes that are ready together).
 *
 * @param steps the steps in order
 */
public record Plan(List<PlanStep> steps) {

  /** Copies the steps. */
  public Plan {
    steps = List.copyOf(steps);
  }

  /** Returns the step of a node, if the plan holds it. */
  public Optional<PlanStep> step(String nodeId) {
    return steps.stream().filter(s -> s.id().equals(nodeId)).findFirst();
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
