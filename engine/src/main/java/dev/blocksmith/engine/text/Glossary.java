package dev.blocksmith.engine.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plain-language explanations of the terms the app shows (epoch, learning rate, overfitting, LoRA,
 * quantization…), shared by the CLI and the editor. The texts live in {@code glossary.json}.
 */
public final class Glossary {
  private static final Map<String, String> TERMS = load();

  private Glossary() {}

  /** Returns every term with its explanation, sorted by term. */
  public static Map<String, String> all() {
    return TERMS;
  }

  /**
   * Returns the explanation of a term, ignoring case and a trailing "s" ("Epochs" finds "epoch").
   */
  public static Optional<String> explain(String term) {
    return termOf(term).map(TERMS::get);
  }

  /**
   * Returns the glossary's own spelling of a term, found as {@link #explain} finds it ("Epochs" →
   * "epoch"), or empty when the glossary has no such entry.
   */
  public static Optional<String> termOf(String term) {
    String t = term.trim().toLowerCase(Locale.ROOT).replace('_', ' ').replace('²', '2');
    if (TERMS.containsKey(t)) {
      return Optional.of(t);
    }
    String single = t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
    return TERMS.containsKey(single) ? Optional.of(single) : Optional.empty();
  }

  private static Map<String, String> load() {
    try (InputStream in = Glossary.class.getResourceAsStream("glossary.json")) {
      Map<String, String> m =
          new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, String>>() {});
      return Collections.unmodifiableMap(new TreeMap<>(m));
    } catch (IOException e) {
      throw new UncheckedIOException("the glossary ships with the engine", e);
    }
  }
}
