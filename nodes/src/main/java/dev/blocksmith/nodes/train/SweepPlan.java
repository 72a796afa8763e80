package dev.blocksmith.nodes.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The trials of a {@link Sweep}: parses the settings to try ("learningRate = 0.01, 0.001;
 * hiddenSizes = [32], [64, 64]") and lists the combinations, all of them (grid search) or a random
 * choice of them (random search). The same text and seed always give the same trials in the same
 * order, which is what lets a Spark run and a local run compare trial by trial.
 */
public final class SweepPlan {
  /** The most combinations a grid may describe. */
  public static final int MAX_COMBINATIONS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SweepPlan() {}

  /**
   * Returns the settings to try, by Train param name, in the order written.
   *
   * @param text the grid text
   * @param known the names Train accepts
   * @throws IllegalArgumentException with a plain message when the text cannot be read
   */
  public static Map<String, List<JsonNode>> parse(String text, Set<String> known) {
    Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "\""
                + part.trim()
                + "\" has no '=': write a setting,"
                + " '=' and the values to try, such as learningRate = 0.01, 0.001.");
      }
      String name = part.substring(0, eq).trim();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "Train has no setting \"" + name + "\". Settings: " + String.join(", ", known) + ".");
      }
      if (grid.containsKey(name)) {
        throw new IllegalArgumentException("\"" + name + "\" is listed twice.");
      }
      grid.put(name, values(name, part.substring(eq + 1).trim()));
    }
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("No settings to try are given.");
    }
    long combinations = 1;
    for (List<JsonNode> v : grid.values()) {
      combinations *= v.size();
      if (combinations > MAX_COMBINATIONS) {
        throw new IllegalArgumentException(
            "The settings make more than " + MAX_COMBINATIONS + " combinations.");
      }
    }
    return grid;
  }

  private static List<JsonNode> values(String name, String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("\"" + name + "\" has no values to try.");
    }
    try {
      JsonNode array = JSON.readTree("[" + text + "]");
      List<JsonNode> out = new ArrayList<>();
      array.forEach(out::add);
      return out;
    } catch (java.io.IOException e) {
      // Bare words such as adam, sgd: one text value per comma-separated item.
      List<JsonNode> out = new ArrayList<>();
      for (String w : text.split(",")) {
        if (w.isBlank() || w.contains("[") || w.contains("\"")) {
          throw new IllegalArgumentException(
              "The values of \""
                  + name
                  + "\" ("
                  + text
                  + ") cannot be read: separate them with commas, lists as [32, 32].");
        }
        out.add(JsonNodeFactory.instance.textNode(w.trim()));
      }
      return out;
    }
  }

  /**
   * Returns the trials: each a map of the settings that differ from the base, in a stable order.
   *
   * @param grid the parsed settings
   * @param random whether to pick {@code limit} combinations at random (else all, up to limit)
   * @param limit the most trials
   * @param seed the seed of the random choice
   */
  public static List<Map<String, JsonNode>> trials(
      Map<String, List<JsonNode>> grid, boolean random, int limit, long seed) {
    List<Map<String, JsonNode>> all = new ArrayList<>();
    all.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<JsonNode>> e : grid.entrySet()) {
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> partial : all) {
        for (JsonNode v : e.getValue()) {
          Map<String, JsonNode> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      all = next;
    }
    if (random) {
      Collections.shuffle(all, new Random(seed));
    }
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  /** Returns a trial's settings as short text: "learningRate=0.01, hiddenSizes=[32]". */
  public static String describe(Map<String, JsonNode> trial) {
    List<String> parts = new ArrayList<>();
    trial.forEach((k, v) -> parts.add(k + "=" + (v.isTextual() ? v.asText() : v.toString())));
    return String.join(", ", parts);
  }
}
