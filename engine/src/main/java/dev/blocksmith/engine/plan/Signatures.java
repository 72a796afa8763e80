package dev.blocksmith.engine.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.CodeIdentity;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes cache signatures: SHA-256 over the block's type id and version, the {@link CodeIdentity}
 * of the code that runs it (so another build never reuses these outputs), its canonical params
 * (defaults filled, keys sorted at every level), the engine's {@link Fingerprints} of every file
 * and folder param, the block's own fingerprint of other external state, the run's seed, and the
 * signatures of its inputs by port name. Equal signatures mean equal outputs.
 */
public final class Signatures {
  private Signatures() {}

  /**
   * Returns the signature of one node as 64 hex digits.
   *
   * @param type the block
   * @param params the node's params, defaults filled in
   * @param baseDir the graph's folder, for the block's fingerprint
   * @param seed the run's seed (random splits and initialisation depend on it)
   * @param inputs the signature of the node feeding each connected input, by port name
   */
  public static String of(
      NodeType type, Params params, Path baseDir, long seed, Map<String, String> inputs) {
    MessageDigest sha = sha256();
    StringBuilder sb = new StringBuilder();
    sb.append("type=").append(type.spec().id()).append('\n');
    sb.append("version=").append(type.spec().version()).append('\n');
    sb.append("code=").append(CodeIdentity.of(type)).append('\n');
    sb.append("params=").append(canonicalParams(params)).append('\n');
    sb.append("files=")
        .append(Fingerprints.ofPathParams(type.spec(), params, baseDir))
        .append('\n');
    sb.append("fingerprint=").append(type.fingerprint(params, baseDir)).append('\n');
    sb.append("seed=").append(seed).append('\n');
    new TreeMap<>(inputs)
        .forEach((port, sig) -> sb.append("in.").append(port).append('=').append(sig).append('\n'));
    return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** Returns the params as compact JSON with keys sorted at every level. */
  public static String canonicalParams(Params params) {
    ObjectNode root = GraphJson.mapper().createObjectNode();
    new TreeMap<>(params.values()).forEach((k, v) -> root.set(k, canonical(v)));
    try {
      return GraphJson.mapper()
          .writer()
          .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static JsonNode canonical(JsonNode v) {
    if (v == null) {
      return GraphJson.mapper().nullNode();
    }
    if (v.isObject()) {
      ObjectNode o = GraphJson.mapper().createObjectNode();
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      v.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue()));
      sorted.forEach((k, x) -> o.set(k, canonical(x)));
      return o;
    }
    if (v.isArray()) {
      ArrayNode a = GraphJson.mapper().createArrayNode();
      v.forEach(x -> a.add(canonical(x)));
      return a;
    }
    return v;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
