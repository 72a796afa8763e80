package dev.blocksmith.engine.value;

/**
 * One concrete change a finding suggests: set a param of a block upstream, or insert a block, and
 * always a plain instruction for when neither applies.
 *
 * @param block the type id of the block to change or insert before ("train.train"), or null
 * @param param the param to set on the nearest upstream block of that type, or null
 * @param value the new value as JSON text ("0.2", "60", "\"mlp\""), or null
 * @param insert the type id of a block to insert, or null
 * @param instruction what to do, in plain words
 * @param also other params of the same block set in the same change (name → JSON text), in order
 */
public record Fix(
    String block,
    String param,
    String value,
    String insert,
    String instruction,
    java.util.Map<String, String> also) {
  /** Normalises a missing {@code also} (older files) to none. */
  public Fix {
    also =
        also == null
            ? java.util.Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(also));
  }

  /** Returns a fix that changes one thing. */
  public Fix(String block, String param, String value, String insert, String instruction) {
    this(block, param, value, insert, instruction, null);
  }

  /**
   * Returns this fix setting {@code name} of the same block to {@code json} as well; the fix's own
   * param keeps its value.
   */
  public Fix and(String name, String json) {
    if (name.equals(param)) {
      return this;
    }
    java.util.Map<String, String> more = new java.util.LinkedHashMap<>(also);
    more.put(name, json);
    return new Fix(block, param, value, insert, instruction, more);
  }

  /** Returns this fix with another instruction. */
  public Fix withInstruction(String text) {
    return new Fix(block, param, value, insert, text, also);
  }

  /** Returns a fix that sets {@code param} of the nearest upstream {@code block} to a value. */
  public static Fix set(String block, String param, String value, String instruction) {
    return new Fix(block, param, value, null, instruction);
  }

  /** Returns a fix that inserts a block of type {@code insert}. */
  public static Fix insert(String insert, String instruction) {
    return new Fix(null, null, null, insert, instruction);
  }

  /** Returns a fix with only an instruction. */
  public static Fix instruction(String instruction) {
    return new Fix(null, null, null, null, instruction);
  }

  /** Returns whether the fix changes a param. */
  public boolean setsParam() {
    return block != null && param != null && value != null;
  }
}
