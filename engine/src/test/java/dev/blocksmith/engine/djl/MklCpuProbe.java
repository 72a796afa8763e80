package dev.blocksmith.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Run by {@link MklCpuCheckTest} in a child JVM: multiplies matrices of the shapes dense layers
 * use, forward and transposed as backward passes do, through libtorch (MKL's sgemm), and prints the
 * largest error against Java's double-precision products, relative to the largest product, then
 * whether the preloaded library is mapped.
 */
public final class MklCpuProbe {
  private MklCpuProbe() {}

  public static void main(String[] args) throws java.io.IOException {
    Random r = new Random(7);
    double worst = 0;
    int[][] shapes = {{128, 784, 256}, {128, 256, 128}, {37, 129, 10}, {256, 128, 784}};
    try (NDManager m = NDManager.newBaseManager()) {
      for (int[] s : shapes) {
        float[] a = new float[s[0] * s[1]];
        float[] b = new float[s[1] * s[2]];
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
          b[i] = (float) r.nextGaussian();
        }
        NDArray x = m.create(a, new Shape(s[0], s[1]));
        NDArray y = m.create(b, new Shape(s[1], s[2]));
        float[] got = x.matMul(y).toFloatArray();
        float[] gotT = y.transpose().matMul(x.transpose()).toFloatArray();
        double[] want = new double[s[0] * s[2]];
        double scale = 0;
        for (int i = 0; i < s[0]; i++) {
          for (int j = 0; j < s[2]; j++) {
            double sum = 0;
            for (int k = 0; k < s[1]; k++) {
              sum += (double) a[i * s[1] + k] * b[k * s[2] + j];
            }
            want[i * s[2] + j] = sum;
            scale = Math.max(scale, Math.abs(sum));
          }
        }
        for (int i = 0; i < s[0]; i++) {
          for (int j = 0; j < s[2]; j++) {
            double w = want[i * s[2] + j];
            worst = Math.max(worst, Math.abs(got[i * s[2] + j] - w) / scale);
            worst = Math.max(worst, Math.abs(gotT[j * s[0] + i] - w) / scale);
          }
        }
      }
    }
    System.out.println(worst);
    // Whether the library is mapped into this process (the dynamic linker preloaded it).
    String maps = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/maps"));
    System.out.println(maps.contains(MklCpuCheck.FILE) ? "preloaded" : "not preloaded");
  }
}
