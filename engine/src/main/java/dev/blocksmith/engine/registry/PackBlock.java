package dev.blocksmith.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.PortType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A plugin's block as the registry hands it out: the spec taken and checked once at registration
 * (so a spec that later throws or changes its id cannot reach the rest of the engine), the
 * describing hooks guarded (a throwing hook becomes a problem, not a crash), and {@link
 * PluginBlock} so the executor runs it where a hang can be cancelled and timed out.
 */
final class PackBlock implements NodeType, PluginBlock {
  private final NodeType delegate;
  private final dev.blocksmith.engine.spi.NodeSpec spec;
  private final String origin;

  PackBlock(NodeType delegate, dev.blocksmith.engine.spi.NodeSpec spec, String origin) {
    this.delegate = delegate;
    this.spec = spec;
    this.origin = origin;
  }

  @Override
  public dev.blocksmith.engine.spi.NodeSpec spec() {
    return spec;
  }

  @Override
  public String origin() {
    return origin;
  }

  @Override
  public Map<String, PortType> inferOutputs(Map<String, PortType> inputTypes, Params params) {
    try {
      Map<String, PortType> out = delegate.inferOutputs(inputTypes, params);
      if (out != null) {
        return out;
      }
    } catch (RuntimeException | LinkageError e) {
      // fall back to the declared outputs: the block's own check failed, not the graph
    }
    return NodeType.super.inferOutputs(inputTypes, params);
  }

  @Override
  public List<ParamProblem> checkParams(Params params, Path baseDir) {
    try {
      List<ParamProblem> out = delegate.checkParams(params, baseDir);
      return out == null ? List.of() : List.copyOf(out);
    } catch (RuntimeException | LinkageError e) {
      return List.of(
          new ParamProblem(
              "",
              "The block '"
                  + spec.id()
                  + "' of "
                  + origin
                  + " failed while checking its settings ("
                  + e
                  + ").",
              "This is a bug in the plugin; tell its author, or remove the plugin."));
    }
  }

  @Override
  public Map<String, JsonNode> migrateParams(int savedVersion, Map<String, JsonNode> params) {
    return delegate.migrateParams(savedVersion, params);
  }

  @Override
  public String fingerprint(Params params, Path baseDir) {
    try {
      String f = delegate.fingerprint(params, baseDir);
      return f == null ? "" : f;
    } catch (RuntimeException | LinkageError e) {
      // Never reused from the cache on a fingerprint it could not compute.
      return "fingerprint failed " + System.nanoTime();
    }
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws Exception {
    return delegate.execute(inputs, params, ctx);
  }

  /** Returns the plugin's own object, for tests and messages. */
  NodeType delegate() {
    return delegate;
  }
}
