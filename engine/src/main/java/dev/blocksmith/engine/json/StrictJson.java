package dev.blocksmith.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Builds JSON mappers that read files from other people strictly, and reads whole numbers without
 * wrapping. Jackson's defaults accept a key twice (the last one wins), turn {@code 1.5} into the
 * int {@code 1} and {@code "5"} into {@code 5}, and {@link JsonNode#asInt()} turns {@code
 * 4294967298} into {@code 2}; each of these lets a damaged or hostile file say something other than
 * what it seems to say.
 */
public final class StrictJson {
  private StrictJson() {}

  /**
   * Returns a mapper builder with duplicate keys refused, no scalar coercion (text to number,
   * decimals to whole numbers, null to 0), and the given nesting and string limits.
   */
  public static JsonMapper.Builder builder(int maxNesting, int maxStringLength) {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxNesting)
                    .maxStringLength(maxStringLength)
                    .maxNumberLength(100)
                    .build())
            .build();
    return JsonMapper.builder(factory)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
  }

  /** Returns a strict mapper builder with the limits used for model and settings files. */
  public static JsonMapper.Builder builder() {
    return builder(64, 20_000_000);
  }

  /**
   * Returns a whole number that fits an int, or throws naming {@code what}.
   *
   * @throws IllegalArgumentException when the value is missing, not a whole number, or too large
   */
  public static int intValue(JsonNode v, String what) {
    if (v == null || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(
          what
              + " must be a whole number, but is "
              + (v == null || v.isMissingNode() ? "missing" : clip(v.toString()))
              + ".");
    }
    if (!v.canConvertToInt()) {
      throw new IllegalArgumentException(
          what + " is " + clip(v.toString()) + ", which is far outside the allowed range.");
    }
    return v.intValue();
  }

  /** Returns {@link #intValue} of {@code v}, or {@code fallback} when {@code v} is absent. */
  public static int intValue(JsonNode v, String what, int fallback) {
    return v == null || v.isMissingNode() || v.isNull() ? fallback : intValue(v, what);
  }

  /**
   * Returns a whole number that fits a long, or throws naming {@code what}.
   *
   * @throws IllegalArgumentException when the value is missing, not a whole number, or too large
   */
  public static long longValue(JsonNode v, String what) {
    if (v == null || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(
          what
              + " must be a whole number, but is "
              + (v == null || v.isMissingNode() ? "missing" : clip(v.toString()))
              + ".");
    }
    if (!v.canConvertToLong()) {
      throw new IllegalArgumentException(
          what + " is " + clip(v.toString()) + ", which is far outside the allowed range.");
    }
    return v.longValue();
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
