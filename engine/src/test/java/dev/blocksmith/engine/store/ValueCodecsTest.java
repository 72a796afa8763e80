package dev.blocksmith.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Provenance;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Recipe;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueCodecsTest {

  static Table table() {
    Table t =
        Table.of(
            List.of(
                new NumberColumn("x", new double[] {1.5, Double.NaN, -0.0, 1e308, 2.5e-300}),
                CategoryColumn.of("colour", Arrays.asList("red", null, "grün", "red", "")),
                new TextColumn("note", new String[] {"a,b", null, "\"q\"", "line\nbreak", "日本"}),
                new BooleanColumn("ok", new byte[] {1, 0, -1, 1, 0})),
            Map.of("colour", ColumnRole.LABEL, "note", ColumnRole.ID, "ok", ColumnRole.GROUP));
    return t.withRecipe(
        Recipe.DEFAULT
            .withScaling("x", Recipe.Scaling.MIN_MAX)
            .withEncoding("colour", Recipe.Encoding.ORDINAL, 7));
  }

  static Object roundTrip(Object v) throws IOException {
    ValueCodecs.Encoded e = ValueCodecs.encode(v).orElseThrow();
    return ValueCodecs.decode(e.codec(), e.bytes());
  }

  @Test
  void tableKeepsEveryColumnTypeRoleMissingValueAndRecipe() throws Exception {
    Table t = table();
    Table back = (Table) roundTrip(t);
    assertThat(back).isEqualTo(t);
    assertThat(back.roles()).isEqualTo(t.roles());
    assertThat(back.columnNames()).isEqualTo(t.columnNames());
    assertThat(back.recipe()).isEqualTo(t.recipe());
    assertThat(Double.doubleToRawLongBits(((NumberColumn) back.columns().get(0)).get(2)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    Table empty = Table.of(List.of());
    assertThat(roundTrip(empty)).isEqualTo(empty);
  }

  @Test
  void imageSetKeepsPixelsLabelsSourcesAndSkipped() throws Exception {
    byte[] px = new byte[3 * 2 * 4 * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 7);
    }
    ImageSet s =
        new ImageSet(
            4,
            4,
            2,
            List.of("cat", "dog"),
            new int[] {1, 0, 1},
            px,
            List.of("a.png", "b.png", "c.png"),
            List.of("d.png: broken"));
    ImageSet back = (ImageSet) roundTrip(s);
    assertThat(back.width()).isEqualTo(4);
    assertThat(back.channels()).isEqualTo(2);
    assertThat(back.classNames()).isEqualTo(s.classNames());
    assertThat(back.labels()).isEqualTo(s.labels());
    for (int i = 0; i < 3; i++) {
      assertThat(back.image(i)).isEqualTo(s.image(i));
    }
    assertThat(back.sources()).isEqualTo(s.sources());
    assertThat(back.skipped()).isEqualTo(s.skipped());
    assertThat(back.augmentation()).isEmpty();
    var recipe =
        new dev.blocksmith.engine.value.Augmentation(true, false, 10, 0.1, 0, 0.2, 0, 0, 7);
    ImageSet varied = (ImageSet) roundTrip(s.withAugmentation(recipe));
    assertThat(varied.augmentation()).contains(recipe);
    assertThat(varied.image(2)).isEqualTo(s.image(2));
  }

  @Test
  void modelKeepsWeightsStorageAndEverythingAboutIt() throws Exception {
    Preprocessing pre =
        new Preprocessing(
            1,
            Preprocessing.Input.IMAGES,
            List.of(),
            List.of(1, 8, 8),
            null,
            ArchSpec.Task.CLASSIFICATION,
            List.of("a", "b", "c"),
            List.of(),
            0,
            1);
    TrainedModel m =
        new TrainedModel(
            ArchSpec.cnn(1, 8, 8, 3, ArchSpec.Task.CLASSIFICATION),
            new byte[] {1, 2, 3, 4, 5},
            List.of(new TrainedModel.ParamInfo("w", List.of(5L), false)),
            pre,
            List.of(new Curve("train loss", List.of(1.0, 0.5))),
            new Provenance(7, "cpu()", "0.35.1", "2.7.1", "abc", 3, 2, "{\"nodes\": []}"),
            TrainedModel.Storage.INT8);
    TrainedModel back = (TrainedModel) roundTrip(m);
    assertThat(back.weights()).isEqualTo(m.weights());
    assertThat(back.arch()).isEqualTo(m.arch());
    assertThat(back.parameters()).isEqualTo(m.parameters());
    assertThat(back.preprocessing()).isEqualTo(m.preprocessing());
    assertThat(back.history()).isEqualTo(m.history());
    assertThat(back.provenance()).isEqualTo(m.provenance());
    assertThat(back.storage()).isEqualTo(TrainedModel.Storage.INT8);
  }

  @Test
  void reportKeepsMetricsOrderNaNConfusionAndParts() throws Exception {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", 0.75);
    metrics.put("macro f1", Double.NaN);
    Report part =
        new Report(
            "A",
            "classification",
            metrics,
            List.of("x", "y"),
            new int[][] {{3, 1}, {0, 4}},
            List.of(new Report.ClassScores("x", 1.0, 0.75, Double.NaN, 4)),
            List.of(new Curve("loss", List.of(0.3))),
            List.of(new Finding(Finding.Level.WARNING, "t", "m", "s")),
            List.of());
    Report r =
        new Report(
            "Comparison",
            "classification",
            metrics,
            List.of("x", "y"),
            new int[][] {{3, 1}, {0, 4}},
            List.of(),
            List.of(),
            List.of(),
            List.of(part, part));
    Report back = (Report) roundTrip(r);
    assertThat(back.metrics()).containsExactlyEntriesOf(metrics);
    assertThat(back.confusion()).isDeepEqualTo(r.confusion());
    assertThat(back.parts()).hasSize(2);
    assertThat(back.parts().get(0).perClass()).isEqualTo(part.perClass());
    assertThat(back.parts().get(0).findings()).isEqualTo(part.findings());
    assertThat(back.headline()).isEqualTo(r.headline());
  }

  @Test
  void otherValuesHaveNoCodec() throws Exception {
    assertThat(ValueCodecs.encode("text")).isEmpty();
    assertThat(ValueCodecs.encode(new Object())).isEmpty();
  }

  @Test
  void damagedBytesAreRefusedNotMisread() throws Exception {
    byte[] bytes = ValueCodecs.encode(table()).orElseThrow().bytes();
    for (int cut : new int[] {0, 3, bytes.length / 2, bytes.length - 1}) {
      assertThatThrownBy(() -> ValueCodecs.decode("table", Arrays.copyOf(bytes, cut)))
          .isInstanceOf(IOException.class);
    }
    byte[] hugeCount = bytes.clone();
    hugeCount[4] = 0x7f; // column count far beyond the bytes that follow
    assertThatThrownBy(() -> ValueCodecs.decode("table", hugeCount))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ValueCodecs.decode("nope", bytes)).isInstanceOf(IOException.class);
  }

  @Test
  void sizeEstimatesGrowWithTheData() {
    Table small = Table.of(List.of(new NumberColumn("x", new double[10])));
    Table big = Table.of(List.of(new NumberColumn("x", new double[100_000])));
    assertThat(ValueCodecs.estimateBytes(big)).isGreaterThan(800_000);
    assertThat(ValueCodecs.estimateBytes(small)).isLessThan(2_000);
  }
}
