package dev.blocksmith.engine.model;

import dev.blocksmith.engine.embed.SentenceEmbedder;
import dev.blocksmith.engine.embed.WordCounts;
import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.model.Preprocessing.Op;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Recipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fits and applies the text steps of a {@link Preprocessing}: sentence meaning or TF-IDF. */
final class TextSteps {
  /** A word must appear in this many training texts to be kept (rarer ones cannot generalise). */
  static final int MIN_TEXTS = 2;

  private TextSteps() {}

  /** Returns the fitted step of a text column: the vocabulary comes from these rows only. */
  static ColumnStep fit(Column c, Recipe.TextMethod method, int maxWords) {
    if (method == Recipe.TextMethod.MEANING) {
      return new ColumnStep(
          c.name(),
          Op.TEXT_MEANING,
          0,
          0,
          1,
          List.of(),
          false,
          List.of(),
          SentenceEmbedder.shared().backbone());
    }
    WordCounts.Vocabulary v = WordCounts.fit(texts(c), maxWords, MIN_TEXTS);
    if (v.words().isEmpty()) {
      throw new IllegalArgumentException(
          "The text column \""
              + c.name()
              + "\" has no word that "
              + "appears in at least "
              + MIN_TEXTS
              + " training rows, so word counts cannot learn "
              + "anything; use sentence meaning instead, or give more rows.");
    }
    return new ColumnStep(c.name(), Op.TEXT_WORDS, 0, 0, 1, v.words(), false, v.idf(), null);
  }

  /** Writes the column's numbers for every row into {@code x} (rows of {@code width}). */
  static void encode(ColumnStep s, Column c, float[] x, int width, int offset) {
    List<String> texts = texts(c);
    if (s.op() == Op.TEXT_WORDS) {
      WordCounts.Vocabulary v = new WordCounts.Vocabulary(s.levels(), s.weights());
      Map<String, Integer> index = WordCounts.index(s.levels());
      for (int r = 0; r < texts.size(); r++) {
        WordCounts.encode(v, index, texts.get(r), x, r * width + offset);
      }
      return;
    }
    SentenceEmbedder embedder = SentenceEmbedder.shared();
    if (s.backbone() == null || !s.backbone().sha256().equals(embedder.backbone().sha256())) {
      throw new IllegalArgumentException(
          "This model turned \""
              + s.column()
              + "\" into numbers "
              + "with "
              + (s.backbone() == null ? "an unnamed model" : s.backbone().describe())
              + ", but this Blocksmith ships "
              + embedder.backbone().describe()
              + "; its numbers would mean something else. Train the model again here.");
    }
    float[][] vectors = embedder.embed(texts, (done, total) -> {});
    for (int r = 0; r < vectors.length; r++) {
      System.arraycopy(vectors[r], 0, x, r * width + offset, vectors[r].length);
    }
  }

  /** Returns a column's texts (null where missing); any column type works. */
  static List<String> texts(Column c) {
    List<String> out = new ArrayList<>(c.size());
    for (int r = 0; r < c.size(); r++) {
      out.add(c.isMissing(r) ? null : c.format(r));
    }
    return out;
  }
}
