package dev.blocksmith.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One recorded run: its folder and its {@code run.json}, with the readings the history shows.
 *
 * @param id the run folder's name
 * @param dir the run folder
 * @param json the content of its {@code run.json}
 */
public record PastRun(String id, Path dir, JsonNode json) {

  /** Returns the pipeline's name (the graph name when the pipeline was not recorded). */
  public String name() {
    JsonNode p = json.path("pipeline");
    return p.path("name").isTextual() ? p.path("name").asText() : json.path("graph").asText();
  }

  /** Returns whether the run succeeded. */
  public boolean success() {
    return json.path("success").asBoolean();
  }

  /** Returns the run's wall time in seconds. */
  public double seconds() {
    return json.path("millis").asLong() / 1000.0;
  }

  /** Returns when it finished (ISO-8601), or empty. */
  public String finishedAt() {
    return json.path("finishedAt").asText("");
  }

  /** Returns the pipeline as it ran, or a missing node for runs recorded without it. */
  public JsonNode pipeline() {
    return json.path("pipeline");
  }

  /** Returns every report metric, as "node.metric" → value, sorted by name. */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new TreeMap<>();
    json.path("nodes")
        .properties()
        .forEach(
            n ->
                n.getValue()
                    .path("metrics")
                    .properties()
                    .forEach(e -> m.put(n.getKey() + "." + e.getKey(), e.getValue().asDouble())));
    return m;
  }

  /** Returns the headline scores (accuracy, R², typical error) as "name value, …". */
  public String scores() {
    List<String> parts = new ArrayList<>();
    metrics()
        .forEach(
            (k, v) -> {
              if (k.endsWith("accuracy")
                  || k.endsWith("r2")
                  || k.endsWith("R²")
                  || k.endsWith("mae")) {
                parts.add(k + " " + format(v));
              }
            });
    return String.join(", ", parts);
  }

  /** Returns every training curve, as "node.curve" → one value per epoch, in file order. */
  public Map<String, List<Double>> curves() {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    json.path("nodes")
        .properties()
        .forEach(
            n ->
                n.getValue()
                    .path("curves")
                    .properties()
                    .forEach(
                        c -> {
                          List<Double> v = new ArrayList<>();
                          c.getValue().forEach(x -> v.add(x.asDouble()));
                          out.put(n.getKey() + "." + c.getKey(), v);
                        }));
    return out;
  }

  /**
   * Returns what decides the run's result, flattened: every block setting, seed, device, versions.
   */
  public Map<String, String> settings() {
    Map<String, String> s = new TreeMap<>();
    s.put("run.seed", json.path("seed").asText());
    s.put("run.device", json.path("device").asText());
    s.put("run.reproducible", json.path("reproducible").asText());
    s.put("run.engine", json.path("engine").asText("local"));
    json.path("versions")
        .properties()
        .forEach(e -> s.put("version." + e.getKey(), e.getValue().asText()));
    s.put("run.overrides", json.path("overrides").toString());
    for (JsonNode n : json.path("pipeline").path("nodes")) {
      String node = n.path("id").asText();
      s.put(node + ".type", n.path("type").asText());
      n.path("params")
          .properties()
          .forEach(
              e ->
                  s.put(
                      node + "." + e.getKey(),
                      e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    }
    return s;
  }

  /** Returns the energy record ({@code energy} in run.json), or a missing node. */
  public JsonNode energy() {
    return json.path("energy");
  }

  /** Returns a number in at most four significant digits ("0.9712", "60"). */
  public static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }
}
