package dev.blocksmith.engine.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.plan.PlanStep;
import dev.blocksmith.engine.value.Report;
import java.util.Map;

/** Builds the content of {@code run.json}: what ran, where, how it ended, and report metrics. */
final class RunJson {
  private RunJson() {}

  static ObjectNode of(
      Run run, RunSetup setup, String device, boolean success, long millis, ObjectNode energy) {
    ObjectNode root = GraphJson.mapper().createObjectNode();
    root.put("runId", run.runId());
    root.put("graph", setup.graphName());
    root.put("device", device);
    root.put("seed", setup.seed());
    root.put("reproducible", setup.reproducible());
    root.put("success", success);
    root.put("millis", millis);
    root.put("finishedAt", java.time.Instant.now().toString());
    root.set("energy", energy);
    root.set("versions", versions());
    try {
      root.set("pipeline", GraphJson.mapper().readTree(setup.graphJson()));
    } catch (java.io.IOException e) {
      root.put("pipeline", setup.graphJson());
    }
    if (run.messages().containsKey("run")) {
      root.put("message", run.messages().get("run"));
    }
    ObjectNode nodes = root.putObject("nodes");
    for (PlanStep s : run.plan().steps()) {
      ObjectNode n = nodes.putObject(s.id());
      n.put("type", s.type().spec().id());
      n.put("status", run.statuses().get(s.id()).name());
      Long ms = run.millis().get(s.id());
      if (ms != null) {
        n.put("millis", ms);
      }
      Map<String, Object> outs = run.outputs().get(s.id());
      if (outs != null) {
        ObjectNode h = n.putObject("headlines");
        Headlines.of(outs).forEach(h::put);
        ObjectNode metrics = null;
        for (Map.Entry<String, Object> o : outs.entrySet()) {
          if (o.getValue() instanceof Report r) {
            if (metrics == null) {
              metrics = n.putObject("metrics");
            }
            boolean many = outs.values().stream().filter(v -> v instanceof Report).count() > 1;
            for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
              metrics.put(many ? o.getKey() + "." + m.getKey() : m.getKey(), m.getValue());
            }
          }
        }
      }
      if (outs != null) {
        ObjectNode curves = null;
        for (Object v : outs.values()) {
          java.util.List<dev.blocksmith.engine.value.Curve> cs =
              v instanceof dev.blocksmith.engine.model.TrainedModel m
                  ? m.history()
                  : v instanceof Report r ? r.curves() : java.util.List.of();
          for (dev.blocksmith.engine.value.Curve c : cs) {
            if (curves == null) {
              curves = n.putObject("curves");
            }
            var arr = curves.putArray(c.name());
            c.values().forEach(arr::add);
          }
        }
      }
      String msg = run.messages().get(s.id());
      if (msg != null) {
        n.put("message", msg);
      }
    }
    return root;
  }

  /** Returns the versions that decide what a run computes. */
  static ObjectNode versions() {
    ObjectNode v = GraphJson.mapper().createObjectNode();
    v.put("blocksmith", dev.blocksmith.engine.model.ModelBundle.blocksmithVersion());
    v.put("java", System.getProperty("java.version"));
    v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    if (dev.blocksmith.engine.djl.Devices.isEngineLoaded()) {
      v.put("djl", ai.djl.engine.Engine.getDjlVersion());
      v.put("pytorch", ai.djl.engine.Engine.getInstance().getVersion());
    }
    return v;
  }
}
