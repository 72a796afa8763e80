package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A cleaning lesson: machine sensor readings labelled ok or fault, with the usual dirt planted in
 * known amounts: about 5 % missing temperatures and humidities, about 3 % rows sent twice, and
 * about 1 % glitched temperatures (999 or -273) that a Clean block should catch as outliers.
 */
public final class SensorReadings {
  private SensorReadings() {}

  /** Returns {@code rows} readings, duplicates included; the same seed gives the same table. */
  public static Table generate(int rows, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] temp = new double[rows];
    double[] humidity = new double[rows];
    double[] vibration = new double[rows];
    List<String> sensor = new ArrayList<>(rows);
    List<String> status = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      if (i > 0 && rnd.nextDouble() < 0.03) {
        int j = rnd.nextInt(i);
        temp[i] = temp[j];
        humidity[i] = humidity[j];
        vibration[i] = vibration[j];
        sensor.add(sensor.get(j));
        status.add(status.get(j));
        continue;
      }
      boolean fault = rnd.nextDouble() < 0.3;
      sensor.add("s" + (1 + rnd.nextInt(5)));
      temp[i] = round1(fault ? 78 + rnd.nextGaussian() * 8 : 60 + rnd.nextGaussian() * 6);
      humidity[i] = round1(40 + rnd.nextGaussian() * 10 + (fault ? 6 : 0));
      vibration[i] =
          round1(Math.abs(fault ? 4.5 + rnd.nextGaussian() * 1.2 : 2 + rnd.nextGaussian() * 0.8));
      status.add(fault ? "fault" : "ok");
      double dirt = rnd.nextDouble();
      if (dirt < 0.01) {
        temp[i] = rnd.nextBoolean() ? 999 : -273;
      } else if (dirt < 0.035) {
        temp[i] = Double.NaN;
      } else if (dirt < 0.06) {
        humidity[i] = Double.NaN;
      }
    }
    return Table.of(
        List.of(
            CategoryColumn.of("sensor", sensor),
            NumberColumn.wrap("temperature", temp),
            NumberColumn.wrap("humidity", humidity),
            NumberColumn.wrap("vibration", vibration),
            CategoryColumn.of("status", status)),
        Map.of("status", ColumnRole.LABEL));
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
