package dev.blocksmith.editor.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.validate.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's JSON-lines protocol: one JSON object per line. Requests: {@code run}, {@code
 * estimate}, {@code cancel}, {@code clearCache}, {@code shutdown}. Replies: {@code ready}, {@code
 * event} (a {@link RunEvent} with its record name in {@code kind}), {@code problems}, {@code
 * preview}, {@code estimates} ({@code items}: node, card, lines, warns; {@code skipped}: node →
 * reason), {@code error}.
 */
public final class Protocol {
  /** The shared mapper: records, no indentation, unknown fields ignored. */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Protocol() {}

  /** Returns an event as one protocol object. */
  public static ObjectNode encode(RunEvent e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "event");
    o.put("kind", e.getClass().getSimpleName());
    o.set("event", JSON.valueToTree(e));
    return o;
  }

  /** Returns the event in a protocol object. */
  public static RunEvent decodeEvent(JsonNode o) throws JsonProcessingException {
    String kind = o.path("kind").asText();
    for (Class<?> c : RunEvent.class.getPermittedSubclasses()) {
      if (c.getSimpleName().equals(kind)) {
        return (RunEvent) JSON.treeToValue(o.get("event"), c);
      }
    }
    throw new IllegalArgumentException("unknown event kind " + kind);
  }

  /** Returns validation problems as one protocol object. */
  public static ObjectNode encodeProblems(String runId, List<Problem> problems) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "problems");
    o.put("run", runId);
    o.set("problems", JSON.valueToTree(problems));
    return o;
  }

  /** Returns the problems in a protocol object. */
  public static List<Problem> decodeProblems(JsonNode o) throws JsonProcessingException {
    List<Problem> out = new ArrayList<>();
    for (JsonNode p : o.path("problems")) {
      out.add(JSON.treeToValue(p, Problem.class));
    }
    return out;
  }

  /** Returns one line of JSON for {@code o}. */
  public static String line(JsonNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
