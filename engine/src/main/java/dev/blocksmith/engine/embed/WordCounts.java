package dev.blocksmith.engine.embed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bag of words with TF-IDF weights, the classic way to turn text into numbers: each kept word is
 * one number, its count in the text times how rare the word is across the training texts, and the
 * whole vector scaled to unit length. Words are runs of two or more letters or digits, lower-cased
 * (the same rule as scikit-learn's default). Works for any language written with spaces, but knows
 * nothing of meaning: "car" and "automobile" are unrelated words to it.
 */
public final class WordCounts {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{2,}");

  private WordCounts() {}

  /**
   * The words kept from the training texts and their weights.
   *
   * @param words the vocabulary in output order
   * @param idf per word, {@code ln((1 + n) / (1 + df)) + 1} over the n training texts
   */
  public record Vocabulary(List<String> words, List<Double> idf) {

    /** Copies the lists. */
    public Vocabulary {
      words = List.copyOf(words);
      idf = List.copyOf(idf);
    }
  }

  /** Returns the words of a text, lower-cased, in order. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * Returns the vocabulary fitted on training texts: the {@code maxWords} words found in the most
   * texts (ties alphabetically), among those found in at least {@code minTexts} texts.
   */
  public static Vocabulary fit(List<String> texts, int maxWords, int minTexts) {
    Map<String, Integer> df = new HashMap<>();
    for (String t : texts) {
      Set<String> seen = new HashSet<>(words(t));
      seen.forEach(w -> df.merge(w, 1, Integer::sum));
    }
    List<String> kept =
        df.entrySet().stream()
            .filter(e -> e.getValue() >= minTexts)
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(Math.max(1, maxWords))
            .map(Map.Entry::getKey)
            .sorted(Comparator.naturalOrder())
            .toList();
    int n = texts.size();
    List<Double> idf = kept.stream().map(w -> Math.log((1.0 + n) / (1.0 + df.get(w))) + 1).toList();
    return new Vocabulary(kept, idf);
  }

  /**
   * Writes the TF-IDF vector of a text into {@code out} from {@code at} (unit length, or zeros).
   */
  public static void encode(
      Vocabulary vocabulary, Map<String, Integer> index, String text, float[] out, int at) {
    double norm = 0;
    Map<Integer, Integer> counts = new HashMap<>();
    for (String w : words(text)) {
      Integer i = index.get(w);
      if (i != null) {
        counts.merge(i, 1, Integer::sum);
      }
    }
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      double v = e.getValue() * vocabulary.idf().get(e.getKey());
      norm += v * v;
    }
    double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      out[at + e.getKey()] = (float) (e.getValue() * vocabulary.idf().get(e.getKey()) * scale);
    }
  }

  /** Returns word → position, for {@link #encode}. */
  public static Map<String, Integer> index(List<String> words) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      index.put(words.get(i), i);
    }
    return index;
  }
}
