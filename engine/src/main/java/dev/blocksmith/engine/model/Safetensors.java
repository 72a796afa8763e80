package dev.blocksmith.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.json.StrictJson;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The safetensors file format, written and read by hand: an 8-byte little-endian header length, a
 * JSON header naming each tensor's dtype, shape and {@code data_offsets} (relative to the end of
 * the header), padded with spaces to a multiple of 8, then the raw little-endian data. Only the
 * dtypes Blocksmith writes are accepted: F32, F16 and I8.
 */
public final class Safetensors {
  private static final ObjectMapper JSON = StrictJson.builder().build();

  /** Largest header accepted when reading, in bytes. */
  public static final long MAX_HEADER = 16L * 1024 * 1024;

  private Safetensors() {}

  /**
   * One tensor as stored.
   *
   * @param name its key
   * @param dtype "F32", "F16" or "I8"
   * @param shape its shape
   * @param data its raw little-endian bytes
   */
  public record Entry(String name, String dtype, List<Long> shape, byte[] data) {

    /** Checks that the data length fits dtype and shape. */
    public Entry {
      shape = List.copyOf(shape);
      long count = shape.stream().reduce(1L, (a, b) -> a * b);
      if (count * width(dtype) != data.length) {
        throw new IllegalArgumentException(
            "tensor " + name + " has " + data.length + " bytes for " + dtype + " " + shape);
      }
    }

    /** Returns a float32 tensor. */
    public static Entry f32(String name, List<Long> shape, float[] values) {
      ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(values);
      return new Entry(name, "F32", shape, b.array());
    }

    /** Returns a float16 tensor holding the values rounded to float16. */
    public static Entry f16(String name, List<Long> shape, float[] values) {
      ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) {
        b.putShort(Half.fromFloat(v));
      }
      return new Entry(name, "F16", shape, b.array());
    }

    /** Returns the values as floats (F32 and F16; I8 values become −127…127). */
    public float[] floats() {
      ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
      float[] out = new float[data.length / width(dtype)];
      for (int i = 0; i < out.length; i++) {
        out[i] =
            switch (dtype) {
              case "F32" -> b.getFloat();
              case "F16" -> Half.toFloat(b.getShort());
              default -> b.get();
            };
      }
      return out;
    }
  }

  private static int width(String dtype) {
    return switch (dtype) {
      case "F32" -> 4;
      case "F16" -> 2;
      case "I8" -> 1;
      default -> throw new IllegalArgumentException("unsupported safetensors dtype " + dtype);
    };
  }

  /** Returns the bytes of a safetensors file holding {@code entries} and string metadata. */
  public static byte[] write(List<Entry> entries, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Entry e : entries) {
      ObjectNode t = header.putObject(e.name());
      t.put("dtype", e.dtype());
      ArrayNode shape = t.putArray("shape");
      e.shape().forEach(shape::add);
      t.putArray("data_offsets").add(offset).add(offset + e.data().length);
      offset += e.data().length;
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 + padded + (int) offset);
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
    out.writeBytes(json);
    out.writeBytes(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
    entries.forEach(e -> out.writeBytes(e.data()));
    return out.toByteArray();
  }

  /**
   * Returns the tensors of a safetensors file, in header order.
   *
   * @throws IllegalArgumentException in plain words when the bytes are not a valid file
   */
  public static List<Entry> read(byte[] file) {
    if (file.length < 8) {
      throw new IllegalArgumentException("too short to be a safetensors file");
    }
    long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > file.length - 8) {
      throw new IllegalArgumentException("bad safetensors header length " + headerLength);
    }
    JsonNode header;
    try {
      header = JSON.readTree(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the safetensors header is not JSON", e);
    }
    if (header == null || !header.isObject()) {
      throw new IllegalArgumentException("the safetensors header is not a JSON object");
    }
    long dataStart = 8 + headerLength;
    List<Entry> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      var field = it.next();
      if (field.getKey().equals("__metadata__")) {
        continue;
      }
      JsonNode t = field.getValue();
      List<Long> shape = new ArrayList<>();
      t.path("shape").forEach(d -> shape.add(StrictJson.longValue(d, "a tensor dimension")));
      long begin = StrictJson.longValue(t.path("data_offsets").path(0), "a tensor offset");
      long end = StrictJson.longValue(t.path("data_offsets").path(1), "a tensor offset");
      if (begin < 0
          || end < begin
          || dataStart + end > file.length
          || shape.stream().anyMatch(d -> d < 0)) {
        throw new IllegalArgumentException("tensor " + field.getKey() + " lies outside the file");
      }
      byte[] data = new byte[(int) (end - begin)];
      System.arraycopy(file, (int) (dataStart + begin), data, 0, data.length);
      out.add(new Entry(field.getKey(), t.path("dtype").asText(), shape, data));
    }
    return out;
  }

  /** Returns the string metadata of a safetensors file (empty when there is none). */
  public static Map<String, String> metadata(byte[] file) {
    long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    try {
      JsonNode meta =
          JSON.readTree(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8))
              .path("__metadata__");
      Map<String, String> out = new java.util.LinkedHashMap<>();
      meta.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the safetensors header is not JSON", e);
    }
  }
}
