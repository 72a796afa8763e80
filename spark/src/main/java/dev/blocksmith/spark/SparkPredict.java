package dev.blocksmith.spark;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Predict on Spark: the model file's bytes are broadcast once, each executor JVM opens one DJL
 * model from them (kept for every later partition), and each partition is turned into a local table
 * typed by the frame's schema, encoded with the model's stored preprocessing and run in batches
 * sized like the local Predict block's ({@link Inference#batchRows}).
 */
final class SparkPredict {
  private static final int BATCH = 256;
  private static final ConcurrentHashMap<String, Loaded> MODELS = new ConcurrentHashMap<>();

  private SparkPredict() {}

  /** One model per executor JVM. */
  private record Loaded(TrainedModel trained, Model model) {}

  /**
   * Returns the frame's rows with the predicted answer and, for classes, the confidence (0–1), in
   * the same columns the local block adds ("predicted", "confidence").
   */
  static Dataset<Row> predict(SparkSession spark, TrainedModel model, SparkFrame frame)
      throws IOException {
    byte[] bytes = ModelBundle.toBytes(model);
    String key = sha256(bytes);
    Broadcast<byte[]> shared =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
    boolean regression = model.preprocessing().task() == ArchSpec.Task.REGRESSION;
    StructType schema = frame.df().schema();
    List<String> names = frame.schema().columnNames();
    String predicted = fresh("predicted", names);
    schema =
        regression
            ? schema.add(predicted, DataTypes.DoubleType)
            : schema
                .add(predicted, DataTypes.StringType)
                .add(fresh("confidence", names), DataTypes.DoubleType);
    FrameSchema tableSchema = FrameSchema.of(frame.schema());
    String[] fields = frame.df().columns();
    int[] order = new int[names.size()];
    for (int j = 0; j < order.length; j++) {
      order[j] = List.of(fields).indexOf(names.get(j));
    }
    MapPartitionsFunction<Row, Row> f =
        rows ->
            new PartitionPredictor(
                load(key, shared), tableSchema.toTable(), order, rows, regression);
    return frame.df().mapPartitions(f, Encoders.row(schema));
  }

  private static Loaded load(String key, Broadcast<byte[]> shared) {
    return MODELS.computeIfAbsent(
        key,
        k -> {
          try {
            TrainedModel t = ModelBundle.read(shared.value(), "broadcast model");
            return new Loaded(t, t.toModel(Device.cpu()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (IncompatibleModelException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        });
  }

  /** Predicts one partition a batch of rows at a time, so memory stays one batch deep. */
  private static final class PartitionPredictor implements Iterator<Row> {
    private final Loaded loaded;
    private final Table schema;
    private final int[] order;
    private final Iterator<Row> in;
    private final boolean regression;
    private final List<Row> ready = new ArrayList<>();
    private int next;

    PartitionPredictor(
        Loaded loaded, Table schema, int[] order, Iterator<Row> in, boolean regression) {
      this.loaded = loaded;
      this.schema = schema;
      this.order = order;
      this.in = in;
      this.regression = regression;
    }

    @Override
    public boolean hasNext() {
      if (next < ready.size()) {
        return true;
      }
      ready.clear();
      next = 0;
      int size =
          Inference.batchRows(
              loaded.trained().preprocessing().exampleShape().stream().reduce(1, (a, b) -> a * b),
              BATCH);
      List<Row> batch = new ArrayList<>(size);
      while (batch.size() < size && in.hasNext()) {
        batch.add(in.next());
      }
      if (batch.isEmpty()) {
        return false;
      }
      List<Row> projected = new ArrayList<>(batch.size());
      for (Row r : batch) {
        Object[] v = new Object[order.length];
        for (int j = 0; j < order.length; j++) {
          v[j] = r.get(order[j]);
        }
        projected.add(RowFactory.create(v));
      }
      Table t = SparkFrame.table(projected, schema, false);
      Preprocessing pre = loaded.trained().preprocessing();
      Preprocessing.Encoded e = pre.transform(t);
      float[] out = forward(e);
      int k = regression ? 1 : pre.classNames().size();
      int[] best = regression ? null : Inference.argMax(out, k);
      for (int i = 0; i < batch.size(); i++) {
        Row r = batch.get(i);
        Object[] v = new Object[r.length() + (regression ? 1 : 2)];
        for (int j = 0; j < r.length(); j++) {
          v[j] = r.get(j);
        }
        if (regression) {
          v[r.length()] = pre.rawLabel(out[i]);
        } else {
          double sum = 0;
          for (int c = 0; c < k; c++) {
            sum += Math.exp(out[i * k + c] - out[i * k + best[i]]);
          }
          v[r.length()] = pre.classNames().get(best[i]);
          v[r.length() + 1] = 1 / sum;
        }
        ready.add(RowFactory.create(v));
      }
      return true;
    }

    private float[] forward(Preprocessing.Encoded e) {
      TrainedModel trained = loaded.trained();
      int n = e.rows();
      try (NDManager batch = loaded.model().getNDManager().newSubManager()) {
        NDArray x = batch.create(e.features(), new Shape(trained.arch().batchShape(n)));
        ParameterStore store = new ParameterStore(batch, false);
        NDArray y = loaded.model().getBlock().forward(store, new NDList(x), false).head();
        return y.toFloatArray();
      }
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return ready.get(next++);
    }
  }

  /** Writes predictions as Parquet when the path ends in .parquet, else as CSV with a header. */
  static void write(Dataset<Row> predictions, String path) {
    // No sort: an unshuffled frame's partitions are in file order, and so are the part files.
    Dataset<Row> out = predictions.drop(SparkFrame.ROW);
    if (path.endsWith(".parquet")) {
      out.write().mode("overwrite").parquet(path);
    } else {
      out.write().mode("overwrite").option("header", true).csv(path);
    }
  }

  private static String fresh(String name, List<String> taken) {
    String n = name;
    for (int i = 2; taken.contains(n); i++) {
      n = name + "_" + i;
    }
    return n;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
