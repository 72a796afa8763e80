package dev.blocksmith.engine.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Upgrades graph files step by step from older format versions to {@link #CURRENT}, and refuses
 * files from a newer Blocksmith instead of mangling them.
 */
public final class GraphMigrations {

  /** The newest format version this build reads and writes. */
  public static final int CURRENT = 2;

  /** One upgrade step from {@code from} to {@code from + 1}. */
  interface Step {
    int from();

    void apply(ObjectNode root) throws GraphFormatException;
  }

  private static final List<Step> STEPS = List.of(new V1ToV2());

  private GraphMigrations() {}

  /** Returns the tree upgraded to the current format (the argument may be changed in place). */
  public static ObjectNode upgrade(ObjectNode root) throws GraphFormatException {
    JsonNode v = root.get("formatVersion");
    if (v == null || !v.isIntegralNumber()) {
      throw new GraphFormatException(
          "This file has no \"formatVersion\", so it is not a Blocksmith pipeline (or it was"
              + " edited by hand and lost that line). Add \"formatVersion\": "
              + CURRENT
              + " at the top if it is one.");
    }
    if (!v.canConvertToInt()) {
      throw new GraphFormatException(
          "The \"formatVersion\" "
              + v
              + " is not a file format "
              + "Blocksmith knows (this version reads formats 1 to "
              + CURRENT
              + ").");
    }
    int version = v.intValue();
    if (version > CURRENT) {
      throw new GraphFormatException(
          "This pipeline was saved by a newer Blocksmith (file format "
              + version
              + "); this version reads formats up to "
              + CURRENT
              + ". Update Blocksmith to open it; the file was not changed.");
    }
    if (version < 1) {
      throw new GraphFormatException("Unknown file format version " + version + ".");
    }
    for (Step step : STEPS) {
      if (step.from() == version) {
        step.apply(root);
        version++;
        root.put("formatVersion", version);
      }
    }
    return root;
  }

  /**
   * Format 1 kept canvas positions inside each node ({@code "x"}, {@code "y"}) and called edges
   * {@code "links"} with object ends; format 2 separates layout from meaning and writes edge ends
   * as {@code "node.port"} strings.
   */
  static final class V1ToV2 implements Step {
    @Override
    public int from() {
      return 1;
    }

    @Override
    public void apply(ObjectNode root) throws GraphFormatException {
      ObjectNode layout = root.get("layout") instanceof ObjectNode o ? o : root.putObject("layout");
      ObjectNode positions =
          layout.get("positions") instanceof ObjectNode o ? o : layout.putObject("positions");
      for (JsonNode n : root.path("nodes")) {
        if (n instanceof ObjectNode o && o.has("x") && o.has("y")) {
          positions
              .putObject(o.path("id").asText())
              .put("x", o.get("x").asDouble())
              .put("y", o.get("y").asDouble());
          o.remove("x");
          o.remove("y");
        }
      }
      if (root.has("links")) {
        ArrayNode edges = root.putArray("edges");
        for (JsonNode link : root.get("links")) {
          JsonNode from = link.path("from");
          JsonNode to = link.path("to");
          if (!from.has("node") || !from.has("port") || !to.has("node") || !to.has("port")) {
            throw new GraphFormatException(
                "A link in this format-1 file lacks a node or port: " + link);
          }
          edges
              .addObject()
              .put("from", from.get("node").asText() + "." + from.get("port").asText())
              .put("to", to.get("node").asText() + "." + to.get("port").asText());
        }
        root.remove("links");
      }
    }
  }
}
