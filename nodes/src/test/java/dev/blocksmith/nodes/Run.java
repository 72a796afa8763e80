package dev.blocksmith.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one block directly, the way the executor will: params over defaults, named inputs. */
public final class Run {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Run() {}

  /** Returns the outputs of {@code type} given inputs and params ("name", value pairs). */
  public static Map<String, Object> block(
      NodeType type, Map<String, Object> inputs, NodeContext ctx, Object... params)
      throws Exception {
    Map<String, JsonNode> given = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      given.put((String) params[i], JSON.valueToTree(params[i + 1]));
    }
    Params p = Params.of(type.spec(), given);
    for (var entry : p.values().entrySet()) {
      type.spec()
          .param(entry.getKey())
          .orElseThrow()
          .check(entry.getValue())
          .ifPresent(
              m -> {
                throw new IllegalArgumentException(m);
              });
    }
    return type.execute(new Inputs(ctx.nodeId(), inputs), p, ctx);
  }
}
