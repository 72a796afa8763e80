package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Report.ClassScores;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.train.Train;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each coach rule fires on a graph made to trigger it and stays silent on a healthy one. */
class CoachRulesTest {

  /** Two noisy features whose sum decides the answer, 10 % of answers flipped; optional id. */
  static Table healthy(int rows, long seed, boolean withId, int idStart) {
    Random random = new Random(seed);
    double[] a = new double[rows];
    double[] b = new double[rows];
    double[] id = new double[rows];
    List<String> y = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      a[r] = random.nextGaussian();
      b[r] = random.nextGaussian();
      id[r] = idStart + r;
      boolean yes = a[r] + b[r] > 0;
      y.add(random.nextDouble() < 0.1 != yes ? "yes" : "no");
    }
    List<Column> cols =
        new ArrayList<>(List.of(new NumberColumn("a", a), new NumberColumn("b", b)));
    if (withId) {
      cols.add(0, new NumberColumn("customer_id", id));
    }
    cols.add(CategoryColumn.of("answer", y));
    return Table.of(cols, Map.of("answer", ColumnRole.LABEL));
  }

  private static Report evaluate(Object train, Object test, TestContext ctx, Object... trainParams)
      throws Exception {
    Object model = Run.block(new Train(), Map.of("train", train), ctx, trainParams).get("model");
    return (Report)
        Run.block(new Evaluate(), Map.of("model", model, "data", test, "train", train), ctx)
            .get("report");
  }

  private static List<String> titles(Report r) {
    return r.findings().stream().map(Finding::title).toList();
  }

  @Test
  void idColumnAndGiveAwayColumnAreLeakage() throws Exception {
    try (TestContext ctx = new TestContext("coach")) {
      Report leaky =
          evaluate(healthy(300, 1, true, 0), healthy(100, 2, true, 300), ctx, "epochs", 5);
      assertThat(titles(leaky)).contains("An id column is used to learn");
      Finding id =
          leaky.findings().stream()
              .filter(f -> f.title().equals("An id column is used to learn"))
              .findFirst()
              .orElseThrow();
      assertThat(id.fix().param()).isEqualTo("idColumns");
      assertThat(id.fix().value()).isEqualTo("\"customer_id\"");
      Report planted =
          evaluate(
              ExplainTest.plantedTable(300, 1), ExplainTest.plantedTable(100, 2), ctx, "epochs", 5);
      assertThat(titles(planted)).contains("One column gives the answer away");
      Report fine =
          evaluate(healthy(300, 1, false, 0), healthy(100, 2, false, 300), ctx, "epochs", 5);
      assertThat(titles(fine))
          .doesNotContain(
              "An id column is used to learn",
              "One column gives the answer away",
              "Test examples were also trained on");
    }
  }

  @Test
  void rowsSharedByTrainingAndTestAreLeakage() throws Exception {
    Table train = healthy(200, 1, false, 0);
    Table overlapping = train.subset(java.util.stream.IntStream.range(0, 40).toArray());
    assertThat(LeakageRule.shared(train, overlapping))
        .extracting(Finding::title)
        .containsExactly("Test examples were also trained on");
    assertThat(LeakageRule.shared(train, overlapping).get(0).fix().param())
        .isEqualTo("dropDuplicates");
    assertThat(LeakageRule.shared(train, healthy(40, 2, false, 0))).isEmpty();
  }

  @Test
  void bigModelOnFewRowsIsTooLittleData() throws Exception {
    try (TestContext ctx = new TestContext("coach")) {
      Table few = healthy(30, 3, false, 0);
      Report big =
          evaluate(
              few,
              healthy(100, 4, false, 0),
              ctx,
              "epochs",
              3,
              "hiddenSizes",
              List.of(64, 64),
              "architecture",
              "mlp");
      assertThat(titles(big)).contains("Too little data for this model's size");
      Report small =
          evaluate(few, healthy(100, 4, false, 0), ctx, "epochs", 3, "architecture", "linear");
      assertThat(titles(small)).doesNotContain("Too little data for this model's size");
    }
  }

  @Test
  void accuracyMisleadsWhenOneClassDominates() {
    List<ClassScores> skewed =
        List.of(
            new ClassScores("ok", 0.91, 0.99, 0.95, 900),
            new ClassScores("broken", 0.5, 0.1, 0.17, 100));
    List<Finding> f = ImbalanceRule.check(Map.of("accuracy", 0.90), skewed);
    assertThat(f).extracting(Finding::title).containsExactly("Accuracy is misleading here");
    assertThat(f.get(0).message()).contains("always answering \"ok\" would score 90 %");
    assertThat(f.get(0).fix().insert()).isEqualTo("prepare.filter-classes");
    List<ClassScores> fair =
        List.of(
            new ClassScores("ok", 0.9, 0.9, 0.9, 500),
            new ClassScores("broken", 0.9, 0.9, 0.9, 500));
    assertThat(ImbalanceRule.check(Map.of("accuracy", 0.9), fair)).isEmpty();
    List<ClassScores> skewedButFound =
        List.of(
            new ClassScores("ok", 0.99, 0.99, 0.99, 900),
            new ClassScores("broken", 0.95, 0.95, 0.95, 100));
    assertThat(ImbalanceRule.check(Map.of("accuracy", 0.985), skewedButFound)).isEmpty();
  }

  @Test
  void trainingCutShortIsFlaggedAndConvergedTrainingIsNot() throws Exception {
    try (TestContext ctx = new TestContext("coach")) {
      Object data = Run.block(new SampleData(), Map.of(), ctx, "size", 400).get("data");
      Report cut =
          evaluate(data, data, ctx, "epochs", 4, "learningRate", 0.002, "architecture", "mlp");
      Finding f =
          cut.findings().stream()
              .filter(x -> x.title().equals("Training stopped before it learnt"))
              .findFirst()
              .orElseThrow();
      assertThat(f.fix().param()).isEqualTo("epochs");
      assertThat(f.fix().value()).isEqualTo("8");
      Report done =
          evaluate(
              data,
              data,
              ctx,
              "epochs",
              200,
              "learningRate",
              0.02,
              "patience",
              3,
              "architecture",
              "mlp");
      assertThat(titles(done)).doesNotContain("Training stopped before it learnt");
    }
  }

  @Test
  void everyFindingCarriesAChange() throws Exception {
    try (TestContext ctx = new TestContext("coach")) {
      Object data = Run.block(new SampleData(), Map.of(), ctx, "size", 200).get("data");
      Report r = evaluate(data, data, ctx, "epochs", 2, "architecture", "linear");
      assertThat(r.findings())
          .isNotEmpty()
          .allSatisfy(
              f -> {
                assertThat(f.fix()).isNotNull();
                assertThat(f.fix().instruction()).isNotBlank();
              });
    }
  }
}
