package dev.blocksmith.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.model.Featurizer;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Numbers shown and written survive: the text reads back as exactly the same double. */
class NumberTextTest {
  @Test
  void exponentsAndDigitsSurvive() {
    assertThat(NumberColumn.text(1e-10)).isEqualTo("1e-10");
    assertThat(NumberColumn.text(2.5e20)).isEqualTo("2.5e20");
    assertThat(NumberColumn.text(0.1)).isEqualTo("0.1");
    assertThat(NumberColumn.text(1234567.891)).isEqualTo("1234567.891");
    assertThat(NumberColumn.text(42)).isEqualTo("42");
    assertThat(NumberColumn.text(-0.0)).isEqualTo("-0");
    assertThat(NumberColumn.text(Double.MIN_VALUE)).isEqualTo("4.9e-324");
    // Java 17's Double.toString gives 2.0E-3 style and sometimes more digits than needed.
    assertThat(NumberColumn.text(2.0E-3)).isEqualTo("0.002");
  }

  @Test
  void everyTextReadsBackExactlyAndIsShortest() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      double v = Double.longBitsToDouble(r.nextLong());
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String s = NumberColumn.text(v);
      assertThat(Double.doubleToRawLongBits(Double.parseDouble(s)))
          .as(s)
          .isEqualTo(Double.doubleToRawLongBits(v));
      if (i % 100 == 0) {
        // No shorter decimal reads back as v: one fewer significant digit never does.
        BigDecimal d = new BigDecimal(s);
        if (d.precision() > 1) {
          BigDecimal shorter = d.round(new java.math.MathContext(d.precision() - 1));
          assertThat(shorter.doubleValue()).as(s).isNotEqualTo(v);
        }
      }
    }
  }

  @Test
  void numericClassNamesNeverMerge() {
    NumberColumn label = new NumberColumn("y", new double[] {1.0000001, 1.0000002, 1.0000001});
    assertThat(Featurizer.classNames(label)).containsExactly("1.0000001", "1.0000002");
  }
}
