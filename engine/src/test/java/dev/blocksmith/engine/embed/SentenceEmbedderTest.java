package dev.blocksmith.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceEmbedderTest {
  @TempDir static Path cache;

  @BeforeAll
  static void ownCacheFolder() {
    System.setProperty("blocksmith.cache", cache.toString());
  }

  @Test
  void similarSentencesAreCloserThanUnrelatedOnes() {
    float[][] v =
        SentenceEmbedder.shared()
            .embed(
                List.of(
                    "copy files and directories",
                    "copy a file to another place",
                    "the cat sleeps in the warm sun"),
                (d, t) -> {});
    assertThat(v).hasNumberOfRows(3);
    for (float[] x : v) {
      assertThat(x).hasSize(SentenceEmbedder.DIMENSIONS);
      assertThat(dot(x, x)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
    assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.2);
  }

  /**
   * The int8 model quantizes activations per batch (one scale for the whole input), so a text's
   * vector moves a little with its batch companions; padding itself is masked out. It must stay the
   * same direction for all practical purposes.
   */
  @Test
  void aBatchBarelyMovesAVector(@TempDir Path otherCache) {
    SentenceEmbedder e = SentenceEmbedder.shared();
    String text = "a short line among long ones";
    float[] alone = e.embed(List.of(text), (d, t) -> {})[0];
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add("sentence number " + i + " is much longer than the other one, to force padding");
    }
    many.add(text);
    System.setProperty("blocksmith.cache", otherCache.toString());
    try {
      assertThat(e.missing(List.of(text))).isEqualTo(1);
      float[] batched = e.embed(many, (d, t) -> {})[40];
      assertThat(dot(alone, batched)).isGreaterThan(0.98);
    } finally {
      System.setProperty("blocksmith.cache", cache.toString());
    }
  }

  @Test
  void cachedTextsCostNothingAndSurviveReopening() throws Exception {
    SentenceEmbedder e = SentenceEmbedder.shared();
    List<String> texts = List.of("remove files or directories", "list directory contents");
    assertThat(e.missing(texts)).isEqualTo(2);
    int[] calls = {0};
    float[][] first = e.embed(texts, (d, t) -> calls[0]++);
    assertThat(calls[0]).isEqualTo(1);
    assertThat(e.missing(texts)).isZero();
    float[][] second = e.embed(texts, (d, t) -> calls[0]++);
    assertThat(calls[0]).isEqualTo(1);
    assertThat(second[0]).containsExactly(first[0]);
    Path file = EmbeddingCache.defaultFolder().resolve(e.cacheId() + ".bin");
    assertThat(file).exists();
    try (EmbeddingCache reopened = EmbeddingCache.open(file.getParent(), e.cacheId(), 384)) {
      assertThat(reopened.get("list directory contents"))
          .hasValueSatisfying(v -> assertThat(v).containsExactly(first[1]));
    }
  }

  @Test
  void aTornRecordIsIgnoredAndAForeignFileSetAside(@TempDir Path dir) throws Exception {
    try (EmbeddingCache c = EmbeddingCache.open(dir, "m", 4)) {
      c.putAll(java.util.Map.of("x", new float[] {1, 2, 3, 4}));
    }
    Path file = dir.resolve("m.bin");
    Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    try (EmbeddingCache c = EmbeddingCache.open(dir, "m", 4)) {
      assertThat(c.size()).isEqualTo(1);
      c.putAll(java.util.Map.of("y", new float[] {5, 6, 7, 8}));
    }
    try (EmbeddingCache c = EmbeddingCache.open(dir, "m", 4)) {
      assertThat(c.get("y")).hasValueSatisfying(v -> assertThat(v).containsExactly(5, 6, 7, 8));
      assertThat(c.get("x")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3, 4));
    }
    Files.writeString(file, "not a cache at all");
    try (EmbeddingCache c = EmbeddingCache.open(dir, "m", 4)) {
      assertThat(c.size()).isZero();
    }
    assertThat(dir.resolve("m.bin.bad")).exists();
  }

  @Test
  void cancellingStopsBeforeTheNextBatch() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      texts.add("cancel me " + i + " " + System.nanoTime());
    }
    SentenceEmbedder.Listener stop =
        new SentenceEmbedder.Listener() {
          @Override
          public void progress(int done, int total) {}

          @Override
          public boolean cancelled() {
            return true;
          }
        };
    assertThatThrownBy(() -> SentenceEmbedder.shared().embed(texts, stop))
        .isInstanceOf(CancellationException.class);
  }

  @Test
  void wordCountsKeepWordsOfSeveralTrainingTexts() {
    WordCounts.Vocabulary v =
        WordCounts.fit(List.of("Copy files", "copy directories", "remove files", "x y z"), 10, 2);
    assertThat(v.words()).containsExactly("copy", "files");
    float[] out = new float[2];
    WordCounts.encode(v, WordCounts.index(v.words()), "COPY copy unknown", out, 0);
    assertThat(out[0]).isEqualTo(1f);
    assertThat(out[1]).isZero();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
