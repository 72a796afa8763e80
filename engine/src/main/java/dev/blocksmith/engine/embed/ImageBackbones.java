package dev.blocksmith.engine.embed;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.blocksmith.engine.value.ImageSet;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a user's own picture network (ONNX through ONNX Runtime, TorchScript through DJL's PyTorch
 * engine) as a frozen feature extractor: pictures are resized and normalised as its {@link
 * Backbone.ImageInput} declares, and each picture becomes the network's output, flattened.
 *
 * <p>The network's bytes are kept by their SHA-256, in memory and in the cache folder ({@code
 * backbones/SHA}), so a model that names a backbone by hash finds it again after a restart; a model
 * file carries the bytes itself. Bytes read back are checked against their hash.
 */
public final class ImageBackbones {
  private static final Map<String, byte[]> BYTES = new ConcurrentHashMap<>();
  private static final Map<String, Runner> RUNNERS = new ConcurrentHashMap<>();
  private static final int BATCH = 64;

  private ImageBackbones() {}

  /** Runs a batch: {@code n} pictures in, {@code n × dimensions} numbers out. */
  private interface Runner {
    float[] run(float[] x, int n, Backbone.ImageInput in) throws IOException;
  }

  /**
   * Reads a network file, keeps its bytes, runs it once on a blank picture to learn how many
   * numbers it gives, and returns its record.
   *
   * @throws IOException in plain words, when the file cannot be read or run
   */
  public static Backbone open(Path file, Backbone.ImageInput input) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String sha = keep(bytes);
    float[] out = runner(sha, input.format()).run(blank(input), 1, input);
    if (out.length == 0) {
      throw new IOException(file.getFileName() + " gives no numbers for a picture.");
    }
    return new Backbone(
        file.getFileName().toString(),
        "user file",
        sha,
        "as its author says (not checked by Blocksmith)",
        file.toAbsolutePath().toString(),
        out.length,
        input);
  }

  /** Keeps a network's bytes by their SHA-256 and returns it (hex). */
  public static String keep(byte[] bytes) {
    String sha = sha256(bytes);
    BYTES.putIfAbsent(sha, bytes.clone());
    Path file = folder().resolve(sha);
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), sha, ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      // Memory is enough for this process; a model file carries the bytes anyway.
    }
    return sha;
  }

  /** Returns the bytes of a network kept earlier (in this process or in the cache folder). */
  public static byte[] bytes(String sha) throws IOException {
    byte[] b = BYTES.get(sha);
    if (b != null) {
      return b.clone();
    }
    Path file = folder().resolve(sha);
    if (Files.isRegularFile(file)) {
      byte[] read = Files.readAllBytes(file);
      if (sha256(read).equals(sha)) {
        BYTES.putIfAbsent(sha, read);
        return read.clone();
      }
    }
    throw new IOException(
        "The picture network this model is built on (sha256 "
            + sha.substring(0, Math.min(12, sha.length()))
            + "…) is not on this computer; open the model from its model file, which carries it.");
  }

  /**
   * Returns the network's numbers for every picture, row after row ({@code images.size() ×
   * backbone.dimensions()} values).
   *
   * @throws IllegalArgumentException in plain words, when the network cannot run
   */
  public static float[] features(Backbone backbone, ImageSet images) {
    Backbone.ImageInput in = backbone.image();
    int dims = backbone.dimensions();
    float[] out = new float[images.size() * dims];
    try {
      Runner runner = runner(backbone.sha256(), in.format());
      for (int from = 0; from < images.size(); from += BATCH) {
        int n = Math.min(BATCH, images.size() - from);
        float[] y = runner.run(prepare(images, from, n, in), n, in);
        if (y.length != n * dims) {
          throw new IllegalArgumentException(
              backbone.name() + " gave " + y.length / n + " numbers per picture, not " + dims);
        }
        System.arraycopy(y, 0, out, from * dims, y.length);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return out;
  }

  /** Returns all pictures resized and normalised as the network expects, in NCHW order. */
  public static float[] pixels(Backbone backbone, ImageSet images) {
    return prepare(images, 0, images.size(), backbone.image());
  }

  /**
   * Returns pictures {@code from … from+n-1} resized (bilinear) to the network's size, with their
   * channels converted (grey repeated, or colours averaged) and normalised, in NCHW order.
   */
  static float[] prepare(ImageSet images, int from, int n, Backbone.ImageInput in) {
    int s = in.size();
    int c = in.channels();
    int w = images.width();
    int h = images.height();
    int plane = w * h;
    float[] out = new float[n * c * s * s];
    for (int k = 0; k < n; k++) {
      byte[] px = images.image(from + k);
      for (int ch = 0; ch < c; ch++) {
        double mean = in.mean().get(ch);
        double std = in.std().get(ch);
        for (int y = 0; y < s; y++) {
          double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / s - 0.5));
          for (int x = 0; x < s; x++) {
            double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / s - 0.5));
            double v;
            if (images.channels() == c) {
              v = bilinear(px, ch * plane, w, h, sx, sy);
            } else if (images.channels() == 1) {
              v = bilinear(px, 0, w, h, sx, sy);
            } else {
              v =
                  (bilinear(px, 0, w, h, sx, sy)
                          + bilinear(px, plane, w, h, sx, sy)
                          + bilinear(px, 2 * plane, w, h, sx, sy))
                      / 3;
            }
            out[((k * c + ch) * s + y) * s + x] = (float) ((v / 255 - mean) / std);
          }
        }
      }
    }
    return out;
  }

  private static double bilinear(byte[] px, int offset, int w, int h, double x, double y) {
    int x0 = (int) x;
    int y0 = (int) y;
    int x1 = Math.min(w - 1, x0 + 1);
    int y1 = Math.min(h - 1, y0 + 1);
    double fx = x - x0;
    double fy = y - y0;
    double top =
        (px[offset + y0 * w + x0] & 0xFF) * (1 - fx) + (px[offset + y0 * w + x1] & 0xFF) * fx;
    double bottom =
        (px[offset + y1 * w + x0] & 0xFF) * (1 - fx) + (px[offset + y1 * w + x1] & 0xFF) * fx;
    return top * (1 - fy) + bottom * fy;
  }

  private static float[] blank(Backbone.ImageInput in) {
    return new float[in.channels() * in.size() * in.size()];
  }

  private static Runner runner(String sha, String format) throws IOException {
    Runner r = RUNNERS.get(sha);
    if (r != null) {
      return r;
    }
    synchronized (RUNNERS) {
      r = RUNNERS.get(sha);
      if (r == null) {
        r = format.equals("onnx") ? onnx(bytes(sha)) : torchScript(sha);
        RUNNERS.put(sha, r);
      }
      return r;
    }
  }

  private static Runner onnx(byte[] bytes) throws IOException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = env.createSession(bytes, options);
    } catch (OrtException e) {
      throw new IOException("The file could not be opened as an ONNX network: " + e.getMessage());
    }
    String input = session.getInputNames().iterator().next();
    return (x, n, in) -> {
      long[] shape = {n, in.channels(), in.size(), in.size()};
      synchronized (session) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
            OrtSession.Result result = session.run(Map.of(input, t))) {
          OnnxValue first = result.get(0);
          if (!(first instanceof OnnxTensor out)) {
            throw new IOException("The ONNX network's first output is not a tensor.");
          }
          FloatBuffer fb = out.getFloatBuffer();
          if (fb == null) {
            throw new IOException("The ONNX network's first output is not float32 numbers.");
          }
          float[] y = new float[fb.remaining()];
          fb.get(y);
          return y;
        } catch (OrtException e) {
          throw new IOException(
              "The ONNX network could not run on "
                  + in.channels()
                  + "×"
                  + in.size()
                  + "×"
                  + in.size()
                  + " pictures: "
                  + e.getMessage()
                  + " Check the input size and channels given in Pretrained model.");
        }
      }
    };
  }

  /**
   * A TorchScript network loaded with its weights trainable, for fine-tuning it whole; close it
   * when done.
   *
   * @param block the network as a DJL block
   * @param owner what holds its native memory
   */
  public record Trainable(Block block, ZooModel<NDList, NDList> owner) implements AutoCloseable {
    @Override
    public void close() {
      owner.close();
    }
  }

  /**
   * Returns a kept TorchScript network loaded with trainable weights.
   *
   * @throws IOException in plain words, when it cannot be loaded
   */
  public static Trainable trainable(String sha) throws IOException {
    ZooModel<NDList, NDList> model = load(sha, true);
    return new Trainable(model.getBlock(), model);
  }

  /**
   * Keeps a TorchScript network fine-tuned by DJL and returns its SHA-256 (its bytes are DJL's form
   * of the module, which {@link #features} loads like the original).
   */
  public static String keepTuned(Block tuned) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      tuned.saveParameters(out);
    }
    return keep(bytes.toByteArray());
  }

  private static ZooModel<NDList, NDList> load(String sha, boolean train) throws IOException {
    byte[] bytes = bytes(sha);
    boolean zip = bytes.length > 2 && bytes[0] == 'P' && bytes[1] == 'K';
    Path file = folder().resolve(sha + ".pt");
    if (zip && !Files.isRegularFile(file)) {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), sha, ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      if (zip) {
        return Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(file)
            .optEngine("PyTorch")
            .optOption("trainParam", Boolean.toString(train))
            .build()
            .loadModel();
      }
      // A network fine-tuned here: DJL's own form of the module, loaded into a fresh block.
      ZooModel<NDList, NDList> model =
          new ZooModel<>(ai.djl.Model.newInstance("tuned", "PyTorch"), new NoopTranslator());
      PtSymbolBlock block = new PtSymbolBlock((PtNDManager) model.getNDManager());
      block.loadParameters(
          model.getNDManager(),
          new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)));
      model.getWrappedModel().setBlock(block);
      return model;
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IOException(
          "The file could not be opened as a TorchScript network: " + e.getMessage());
    }
  }

  private static Runner torchScript(String sha) throws IOException {
    ZooModel<NDList, NDList> model = load(sha, false);
    return (x, n, in) -> {
      synchronized (model) {
        try (NDManager m = model.getNDManager().newSubManager()) {
          NDList out =
              model
                  .getBlock()
                  .forward(
                      new ParameterStore(m, false),
                      new NDList(m.create(x, new Shape(n, in.channels(), in.size(), in.size()))),
                      false);
          out.attach(m);
          return out.head().toType(DataType.FLOAT32, false).toFloatArray();
        } catch (RuntimeException e) {
          throw new IOException(
              "The TorchScript network could not run on "
                  + in.channels()
                  + "×"
                  + in.size()
                  + "×"
                  + in.size()
                  + " pictures: "
                  + e.getMessage());
        }
      }
    };
  }

  /** Returns the folder network files are kept in: {@code backbones/} in the cache folder. */
  static Path folder() {
    return EmbeddingCache.defaultFolder().resolveSibling("backbones");
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the backbones with a picture input among {@code list}. */
  public static List<Backbone> pictureNetworks(List<Backbone> list) {
    return list.stream().filter(b -> b.image() != null).toList();
  }
}
