package dev.blocksmith.engine.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a table's columns are to be turned into numbers for a model. The Encode and Normalize blocks
 * only record their choices here; Train <em>fits</em> them (means, ranges, category lists) on the
 * training part alone and stores the fitted state in the model, so leakage cannot happen by
 * accident and prediction on raw rows applies the same transformation.
 *
 * @param scaling per number column; columns not named use {@link Scaling#STANDARDIZE}
 * @param encoding per category column; columns not named use {@link Encoding#ONE_HOT}
 * @param maxOneHot most distinct values one-hot encoded per column; rarer ones share an "other"
 *     slot
 * @param text per text column chosen by Text features; text columns not named are left out
 * @param maxWords for {@link TextMethod#WORDS}, most words kept in the vocabulary
 */
public record Recipe(
    Map<String, Scaling> scaling,
    Map<String, Encoding> encoding,
    int maxOneHot,
    Map<String, TextMethod> text,
    int maxWords) {

  /** Standardize numbers, one-hot categories (up to 50 values each). */
  public static final Recipe DEFAULT = new Recipe(Map.of(), Map.of(), 50);

  /** The most words kept unless Text features says otherwise. */
  public static final int DEFAULT_MAX_WORDS = 2000;

  /** How a text column becomes numbers. */
  public enum TextMethod {
    /** The shipped sentence model's 384 numbers for its meaning. */
    MEANING,
    /** Bag of words with TF-IDF weights, vocabulary from the training rows. */
    WORDS
  }

  /** Creates a recipe without text columns. */
  public Recipe(Map<String, Scaling> scaling, Map<String, Encoding> encoding, int maxOneHot) {
    this(scaling, encoding, maxOneHot, Map.of(), DEFAULT_MAX_WORDS);
  }

  /** How a number column is scaled. */
  public enum Scaling {
    /** Subtract the training mean and divide by the training standard deviation. */
    STANDARDIZE,
    /** Map the training minimum to 0 and maximum to 1. */
    MIN_MAX,
    /** Leave as is. */
    NONE
  }

  /** How a category column becomes numbers. */
  public enum Encoding {
    /** One 0/1 column per value. */
    ONE_HOT,
    /** One column holding the value's index. */
    ORDINAL
  }

  /** Copies the maps. */
  public Recipe {
    scaling = Collections.unmodifiableMap(new LinkedHashMap<>(scaling));
    encoding = Collections.unmodifiableMap(new LinkedHashMap<>(encoding));
    text = Collections.unmodifiableMap(new LinkedHashMap<>(text));
  }

  /** Returns the scaling of a number column. */
  public Scaling scalingOf(String column) {
    return scaling.getOrDefault(column, Scaling.STANDARDIZE);
  }

  /** Returns the encoding of a category column. */
  public Encoding encodingOf(String column) {
    return encoding.getOrDefault(column, Encoding.ONE_HOT);
  }

  /** Returns a copy with one column's scaling set. */
  public Recipe withScaling(String column, Scaling s) {
    Map<String, Scaling> m = new LinkedHashMap<>(scaling);
    m.put(column, s);
    return new Recipe(m, encoding, maxOneHot, text, maxWords);
  }

  /** Returns a copy with one column's encoding set. */
  public Recipe withEncoding(String column, Encoding e, int cap) {
    Map<String, Encoding> m = new LinkedHashMap<>(encoding);
    m.put(column, e);
    return new Recipe(scaling, m, cap, text, maxWords);
  }

  /** Returns how a text column is used, if Text features chose it. */
  public java.util.Optional<TextMethod> textOf(String column) {
    return java.util.Optional.ofNullable(text.get(column));
  }

  /** Returns a copy with one text column's method set (and the vocabulary cap for words). */
  public Recipe withText(String column, TextMethod method, int words) {
    Map<String, TextMethod> m = new LinkedHashMap<>(text);
    m.put(column, method);
    return new Recipe(scaling, encoding, maxOneHot, m, words);
  }
}
