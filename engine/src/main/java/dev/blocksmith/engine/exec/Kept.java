package dev.blocksmith.engine.exec;

import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.plan.PlanStep;
import dev.blocksmith.engine.registry.CodeIdentity;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * What one node of a run keeps for later runs through {@link
 * dev.blocksmith.engine.spi.NodeContext#recall} and {@code keep}: values stored in the run's {@link
 * OutputCache} under a key made of the block (type, version, code), the value's name, the device
 * and the signatures of the named inputs' upstream outputs. Equal signatures mean equal values on
 * those ports (the planner's contract), so a kept value is reused only for the same inputs.
 */
final class Kept {
  private static final String VALUE = "value";

  private final PlanStep step;
  private final Map<String, PlanStep> steps;
  private final OutputCache cache;

  Kept(PlanStep step, Map<String, PlanStep> steps, OutputCache cache) {
    this.step = step;
    this.steps = steps;
    this.cache = cache;
  }

  /** Returns the value kept under the key, if any and of the given kind. */
  <V extends Value> Optional<V> recall(String name, Class<V> type, String device, Port<?>[] ports) {
    String key = key(name, device, ports);
    if (key == null) {
      return Optional.empty();
    }
    return cache.get(key).map(outs -> outs.get(VALUE)).filter(type::isInstance).map(type::cast);
  }

  /** Keeps a value under the key, in memory and, when it has a format, on disk. */
  void keep(String name, Value value, String device, Port<?>[] ports) {
    String key = key(name, device, ports);
    if (value != null && key != null) {
      cache.put(key, Map.of(VALUE, value), true);
    }
  }

  /**
   * Returns the key, or null when a named input is connected to a node this plan does not know (its
   * values could not be told apart, so nothing is kept or recalled).
   */
  String key(String name, String device, Port<?>[] ports) {
    StringBuilder sb = new StringBuilder("kept\n");
    sb.append("type=").append(step.type().spec().id()).append('\n');
    sb.append("version=").append(step.type().spec().version()).append('\n');
    sb.append("code=").append(CodeIdentity.of(step.type())).append('\n');
    sb.append("name=").append(name).append('\n');
    sb.append("device=").append(device).append('\n');
    for (Port<?> p : ports) {
      PortRef from = step.inputs().get(p.name());
      PlanStep upstream = from == null ? null : steps.get(from.node());
      if (from != null && upstream == null) {
        return null;
      }
      sb.append("in.").append(p.name()).append('=');
      sb.append(upstream == null ? "none" : upstream.signature() + "." + from.port()).append('\n');
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
