package dev.blocksmith.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A block: a small schema ({@link #spec()}) plus one function ({@link #execute}). Implementations
 * are stateless and registered through {@link java.util.ServiceLoader} (directly, or in a {@link
 * NodePack}).
 */
public interface NodeType {

  /** Returns the block's description: ports, params and plain-language texts. */
  NodeSpec spec();

  /**
   * Returns the types of the outputs given the types of the connected inputs, without running
   * anything (KNIME's "configure"). The default returns the declared output types.
   *
   * @param inputTypes the type of each connected input, by port name
   * @param params the node's params, defaults filled in
   */
  default Map<String, PortType> inferOutputs(Map<String, PortType> inputTypes, Params params) {
    var out = new java.util.LinkedHashMap<String, PortType>();
    for (PortSpec port : spec().outputs()) {
      out.put(port.name(), port.type());
    }
    return out;
  }

  /**
   * Returns problems found in the params that need more than a range check (a missing file, two
   * shares that add up to more than 100 %), each as a plain-language message. Runs before anything
   * executes. The default finds none.
   *
   * @param params the node's params, defaults filled in
   * @param baseDir the folder of the graph file, for resolving relative paths
   */
  default List<ParamProblem> checkParams(Params params, Path baseDir) {
    return List.of();
  }

  /**
   * Returns the params of a node saved for an older version of this block ({@code savedVersion} is
   * below {@code spec().version()}), rewritten for the current version: rename a param, convert a
   * value. Called once when the graph is validated and resolved; a node saved for a newer version
   * than the block's is refused instead. The default returns them unchanged.
   *
   * @param savedVersion the {@code typeVersion} the graph file holds for the node
   * @param params the params as saved, by name
   */
  default Map<String, JsonNode> migrateParams(int savedVersion, Map<String, JsonNode> params) {
    return params;
  }

  /**
   * Returns a fingerprint of the external state this block reads (file size and modification time),
   * folded into its cache signature so that a changed file re-runs it. The default is empty.
   */
  default String fingerprint(Params params, Path baseDir) {
    return "";
  }

  /**
   * Runs the block and returns its outputs by port name. Must check {@code ctx} for cancellation in
   * long loops, and throw {@link NodeException} with a plain-language message on bad input.
   *
   * @param inputs the values on the connected inputs
   * @param params the node's params, defaults filled in
   * @param ctx progress, logging, cancellation and DJL resources for this run of this node
   */
  Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx) throws Exception;

  /**
   * A problem with one param, found before running.
   *
   * @param param the param's name
   * @param message what is wrong, in plain words
   * @param fix what to do about it
   */
  record ParamProblem(String param, String message, String fix) {}
}
