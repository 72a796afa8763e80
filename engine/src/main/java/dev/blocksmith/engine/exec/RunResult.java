package dev.blocksmith.engine.exec;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a run produced.
 *
 * @param runId the run's id
 * @param success whether every node that was asked for ended done or cached
 * @param statuses the final status of each node in the run
 * @param outputs output values by node id, then by port name (plain Java values)
 * @param messages failure messages by node id (with the fix appended)
 * @param runDir the run folder holding {@code run.json} and artifacts
 * @param millis wall time of the run
 * @param device the device used, in words ("CPU (2 cores)")
 */
public record RunResult(
    String runId,
    boolean success,
    Map<String, NodeStatus> statuses,
    Map<String, Map<String, Object>> outputs,
    Map<String, String> messages,
    Path runDir,
    long millis,
    String device) {

  /** Copies the maps. */
  public RunResult {
    statuses = Map.copyOf(statuses);
    outputs = Map.copyOf(outputs);
    messages = Map.copyOf(messages);
  }

  /** Returns one output value, or null when the node did not produce it. */
  public Object output(String nodeId, String port) {
    Map<String, Object> m = outputs.get(nodeId);
    return m == null ? null : m.get(port);
  }
}
