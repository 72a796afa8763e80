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
 * @param maxOneHot most distinct values one-hot encoded per column; rarer ones share an "other" slot
 */
public record Recipe(Map<String, Scaling> scaling, Map<String, Encoding> encoding, int maxOneHot) {

  /** Standardize numbers, one-hot categories (up to 50 values each). */
  public static final Recipe DEFAULT = new Recipe(Map.of(), Map.of(), 50);

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
    return new Recipe(m, encoding, maxOneHot);
  }

  /** Returns a copy with one column's encoding set. */
  public Recipe withEncoding(String column, Encoding e, int cap) {
    Map<String, Encoding> m = new LinkedHashMap<>(encoding);
    m.put(column, e);
    return new Recipe(scaling, m, cap);
  }
}
