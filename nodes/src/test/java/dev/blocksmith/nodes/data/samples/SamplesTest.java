package dev.blocksmith.nodes.data.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.data.LoadCsv;
import dev.blocksmith.nodes.prepare.clean.Duplicates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.statistics.descriptive.Mean;
import org.junit.jupiter.api.Test;

class SamplesTest {

  @Test
  void generatorsAreDeterministic() {
    assertThat(HousePrices.generate(50, 7)).isEqualTo(HousePrices.generate(50, 7));
    assertThat(LoanApprovals.generate(50, 7)).isEqualTo(LoanApprovals.generate(50, 7));
    assertThat(SensorReadings.generate(50, 7)).isEqualTo(SensorReadings.generate(50, 7));
    assertThat(HousePrices.generate(50, 7)).isNotEqualTo(HousePrices.generate(50, 8));
  }

  @Test
  void loanApprovalsCarryThePlantedBiasAgainstGroupB() {
    Table t = LoanApprovals.generate(2000, 1);
    assertThat(t.role("group")).isEqualTo(ColumnRole.GROUP);
    assertThat(t.role("approved")).isEqualTo(ColumnRole.LABEL);
    CategoryColumn g = (CategoryColumn) t.column("group").orElseThrow();
    CategoryColumn y = (CategoryColumn) t.column("approved").orElseThrow();
    int[] approved = new int[2];
    int[] total = new int[2];
    for (int i = 0; i < t.rowCount(); i++) {
      int k = g.get(i).equals("A") ? 0 : 1;
      total[k]++;
      approved[k] += y.get(i).equals("yes") ? 1 : 0;
    }
    double rateA = (double) approved[0] / total[0];
    double rateB = (double) approved[1] / total[1];
    assertThat(rateA - rateB).isGreaterThan(0.15);
  }

  @Test
  void housePricesRiseWithSize() {
    Table t = HousePrices.generate(500, 3);
    double[] size = ((NumberColumn) t.column("size_m2").orElseThrow()).toArray();
    double[] price = ((NumberColumn) t.column("price").orElseThrow()).toArray();
    double r = pearson(size, price);
    assertThat(r).isGreaterThan(0.8);
    assertThat(t.labelColumn().orElseThrow().name()).isEqualTo("price");
  }

  private static double pearson(double[] x, double[] y) {
    double mx = Mean.of(x).getAsDouble();
    double my = Mean.of(y).getAsDouble();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  @Test
  void sensorReadingsHoldDirtToClean() {
    Table t = SensorReadings.generate(400, 42);
    assertThat(t.column("temperature").orElseThrow().missingCount()).isGreaterThan(3);
    assertThat(t.column("humidity").orElseThrow().missingCount()).isGreaterThan(3);
    assertThat(Duplicates.firstOccurrences(t).length).isLessThan(400);
    double[] temp = ((NumberColumn) t.column("temperature").orElseThrow()).toArray();
    assertThat(java.util.Arrays.stream(temp).filter(v -> v == 999 || v == -273).count())
        .isGreaterThan(0);
  }

  @Test
  void committedCsvFilesEqualTheGeneratorsOutput() throws Exception {
    for (Map.Entry<String, String> e : SampleFiles.expected().entrySet()) {
      String committed =
          Files.readString(SampleFiles.folder().resolve(e.getKey()), StandardCharsets.UTF_8);
      assertThat(committed)
          .as(
              "graphs/data/"
                  + e.getKey()
                  + " differs from its generator; run SampleFiles.main to regenerate it")
          .isEqualTo(e.getValue());
    }
    for (Map.Entry<String, Path> e : SampleFiles.lessonCopies().entrySet()) {
      assertThat(Files.readString(e.getValue().resolve(e.getKey()), StandardCharsets.UTF_8))
          .as(e.getValue() + "/" + e.getKey() + " differs; run SampleFiles.main")
          .isEqualTo(SampleFiles.expected().get(e.getKey()));
    }
  }

  @Test
  void committedHousePricesLoadBackAsTheSameTable() throws Exception {
    LoadCsv load = new LoadCsv();
    Params p =
        Params.of(
            load.spec(),
            Map.of(
                LoadCsv.FILE.name(),
                JsonNodeFactory.instance.textNode("house-prices.csv"),
                LoadCsv.LABEL.name(),
                JsonNodeFactory.instance.textNode("price")));
    Table t =
        (Table)
            load.execute(
                    new Inputs("n1", Map.of()),
                    p,
                    new TestContext("test").withBaseDir(SampleFiles.folder()))
                .get("table");
    assertThat(t).isEqualTo(HousePrices.generate(300, 42));
  }
}
