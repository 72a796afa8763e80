package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Table;
import java.util.List;
import java.util.Random;

/**
 * Two interleaved spirals of points in the plane, one per class: a classic problem that a straight
 * line cannot solve but a small MLP can. Noise 1 adds Gaussian jitter of 0.3 (the spirals span
 * −1…1).
 */
public final class Spirals implements SampleGenerator {

  @Override
  public String id() {
    return "spirals";
  }

  @Override
  public String label() {
    return "Two spirals (table: x, y → class)";
  }

  @Override
  public PortType outputType() {
    return PortType.TABLE;
  }

  @Override
  public Table generate(int size, double noise, long seed) {
    Random random = new Random(seed);
    double[] x = new double[size];
    double[] y = new double[size];
    int[] classes = new int[size];
    double turns = 1.5;
    for (int i = 0; i < size; i++) {
      int c = i % 2;
      double r = Math.sqrt(random.nextDouble()); // uniform density along the arm
      double angle = r * turns * 2 * Math.PI + c * Math.PI;
      x[i] = r * Math.cos(angle) + random.nextGaussian() * noise * 0.3;
      y[i] = r * Math.sin(angle) + random.nextGaussian() * noise * 0.3;
      classes[i] = c;
    }
    return Points.table(x, y, classes, List.of("A", "B"));
  }
}
