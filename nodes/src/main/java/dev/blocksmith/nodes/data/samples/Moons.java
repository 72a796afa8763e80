package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Table;
import java.util.List;
import java.util.Random;

/**
 * Two interleaving half circles ("moons"), one per class. Noise 1 adds Gaussian jitter of 0.5 (the
 * moons have radius 1).
 */
public final class Moons implements SampleGenerator {

  @Override
  public String id() {
    return "moons";
  }

  @Override
  public String label() {
    return "Two moons (table: x, y → class)";
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
    for (int i = 0; i < size; i++) {
      int c = i % 2;
      double t = random.nextDouble() * Math.PI;
      double px = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
      double py = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
      x[i] = px + random.nextGaussian() * noise * 0.5;
      y[i] = py + random.nextGaussian() * noise * 0.5;
      classes[i] = c;
    }
    return Points.table(x, y, classes, List.of("upper", "lower"));
  }
}
