package dev.blocksmith.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.Locale;
import java.util.Random;

/**
 * Cutting one epoch of shuffled batches out of N rows, two ways, alternately in one JVM: (a)
 * through libtorch's indexing from one resident copy (an index tensor per epoch, {@code
 * x.get(rows)} per batch: what {@code TrainingLoop} did before {@code BatchRows}), (b) a new tensor
 * of libtorch's own per batch, its memory filled in Java from the encoded {@code float[]} (what
 * {@code BatchRows} does on the CPU). Each batch is summed once so the engine touches it. Prints
 * milliseconds per epoch for each round. Not a test.
 *
 * <p>Arguments: rows (7000), values per row (784), batch size (128), rounds (8).
 */
public final class GatherBench {
  private GatherBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 784;
    int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    float[] features = new float[n * d];
    Random random = new Random(1);
    for (int i = 0; i < features.length; i++) {
      features[i] = random.nextFloat();
    }
    long[] order = EngineOverhead.permutation(n, random);
    try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
      NDArray x = root.create(features, new Shape(n, d));
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        try (NDManager epoch = root.newSubManager()) {
          NDArray index = epoch.create(order);
          for (int b = 0; b < n; b += batchSize) {
            try (NDManager batch = epoch.newSubManager()) {
              NDArray rows = index.get(new NDIndex().addSliceDim(b, Math.min(n, b + batchSize)));
              rows.attach(batch);
              NDArray bx = x.get(rows);
              bx.attach(batch);
              bx.sum();
            }
          }
        }
        long t1 = System.nanoTime();
        try (NDManager epoch = root.newSubManager()) {
          for (int b = 0; b < n; b += batchSize) {
            try (NDManager batch = epoch.newSubManager()) {
              int to = Math.min(n, b + batchSize);
              NDArray bx = batch.create(new Shape(to - b, d), DataType.FLOAT32);
              FloatBuffer into = bx.toByteBuffer(true).asFloatBuffer();
              for (int i = b; i < to; i++) {
                into.put(features, (int) order[i] * d, d);
              }
              bx.sum();
            }
          }
        }
        long t2 = System.nanoTime();
        System.out.printf(
            Locale.ROOT,
            "GATHER round %d: libtorch indexing %.2f ms/epoch, rows copied in Java into a new tensor %.2f"
                + " ms/epoch%n",
            r,
            (t1 - t0) / 1e6,
            (t2 - t1) / 1e6);
      }
    }
  }
}
