package dev.blocksmith.editor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import java.util.Set;

/**
 * The run options a graph asks for in its optional top-level {@code "run"} section, such as {@code
 * {"device": "auto", "seed": 7}}. Missing values mean the engine's defaults: automatic device
 * choice (GPU when there is one) and seed 42.
 */
public final class RunSettings {
  /** The name of the graph file's section. */
  public static final String SECTION = "run";

  private RunSettings() {}

  /** Returns the options for running {@code g} up to {@code targets} (empty: everything). */
  public static RunOptions of(Graph g, Set<String> targets) {
    JsonNode run = g.extras().get(SECTION);
    if (run == null || !run.isObject()) {
      return RunOptions.DEFAULTS.withTargets(targets);
    }
    String device = run.path("device").asText("auto").trim();
    Long seed = run.path("seed").canConvertToLong() ? run.path("seed").asLong() : null;
    return new RunOptions(
        targets,
        device.isEmpty() || device.equals("auto") ? null : device,
        seed,
        run.path("reproducible").asBoolean(false));
  }
}
