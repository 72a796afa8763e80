package dev.blocksmith.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the block version a node was saved with against the installed block: a newer one is a
 * problem (its settings may mean something else here), an older one goes through the block's {@link
 * NodeType#migrateParams} hook.
 */
final class BlockVersions {
  private BlockVersions() {}

  /**
   * Returns the node's params as the installed block reads them, or null (with a problem added)
   * when they cannot be read.
   */
  static Map<String, JsonNode> readable(Node n, NodeType type, List<Problem> out) {
    NodeSpec spec = type.spec();
    if (n.typeVersion() > spec.version()) {
      out.add(
          new Problem(
              "newer-block",
              n.id(),
              null,
              null,
              "'"
                  + n.id()
                  + "' was saved with version "
                  + n.typeVersion()
                  + " of the block '"
                  + spec.displayName()
                  + "', but the installed block is version "
                  + spec.version()
                  + ", so its settings may mean something else here.",
              "Update Blocksmith (or the plugin that provides '"
                  + spec.id()
                  + "'), or delete this block and add it again."));
      return null;
    }
    if (n.typeVersion() == spec.version()) {
      return n.params();
    }
    try {
      Map<String, JsonNode> migrated = type.migrateParams(n.typeVersion(), n.params());
      if (migrated == null) {
        throw new IllegalStateException("the migration returned nothing");
      }
      return Collections.unmodifiableMap(new LinkedHashMap<>(migrated));
    } catch (RuntimeException e) {
      out.add(
          new Problem(
              "check-failed",
              n.id(),
              null,
              null,
              "The block '"
                  + spec.displayName()
                  + "' could not update the settings saved for its"
                  + " version "
                  + n.typeVersion()
                  + " ("
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + ").",
              "Set the block up again: delete it and add it again."));
      return null;
    }
  }
}
