package dev.blocksmith.nodes.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.model.BaseModels;
import dev.blocksmith.nodes.prepare.FilterClasses;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quantizing the shipped digits model: much smaller, same score, and files that reload exactly. */
class QuantizeTest {
  private static TrainedModel base;
  private static Object test;

  @BeforeAll
  static void data() throws Exception {
    base = BaseModels.load(BaseModels.ALL.get(0));
    try (TestContext ctx = new TestContext("setup")) {
      Object digits =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 1000, "seed", 21)
              .get("data");
      test =
          Run.block(new FilterClasses(), Map.of("data", digits), ctx, "classes", "0,1,2,3,4")
              .get("data");
    }
  }

  private static Map<String, Object> quantize(String precision) throws Exception {
    try (TestContext ctx = new TestContext("quantize")) {
      return Run.block(
          new Quantize(), Map.of("model", base, "data", test), ctx, "precision", precision);
    }
  }

  @Test
  void int8IsAtLeastThreeAndAHalfTimesSmallerWithinOnePoint() throws Exception {
    Map<String, Object> out = quantize("int8");
    Report r = (Report) out.get("report");
    TrainedModel small = (TrainedModel) out.get("model");
    System.out.println(
        "int8: "
            + r.title()
            + ", weight bytes "
            + r.metrics().get("weight bytes before").longValue()
            + " -> "
            + r.metrics().get("weight bytes after").longValue());
    assertThat(r.metrics().get("size ratio")).isGreaterThanOrEqualTo(3.5);
    assertThat(r.metrics().get("accuracy before") - r.metrics().get("accuracy"))
        .isLessThanOrEqualTo(0.01);
    assertThat(r.title()).matches("Quantized to int8: \\d\\.\\d× smaller, accuracy .* % → .* %");
    assertThat(small.storage()).isEqualTo(TrainedModel.Storage.INT8);
    assertThat(small.weights()).isNotEqualTo(base.weights());
    byte[] file = ModelBundle.toBytes(small);
    assertThat(file.length * 3L).isLessThan(ModelBundle.toBytes(base).length);
    TrainedModel back = ModelBundle.read(file, "small.bsmodel");
    assertThat(back.weights()).isEqualTo(small.weights());
    assertThat(back.storage()).isEqualTo(TrainedModel.Storage.INT8);
  }

  @Test
  void float16HalvesTheSizeAndKeepsTheScore() throws Exception {
    Map<String, Object> out = quantize("float16");
    Report r = (Report) out.get("report");
    System.out.println("float16: " + r.title());
    assertThat(r.metrics().get("size ratio")).isBetween(1.9, 2.1);
    assertThat(r.metrics().get("accuracy")).isEqualTo(r.metrics().get("accuracy before"));
    TrainedModel half = (TrainedModel) out.get("model");
    assertThat(ModelBundle.read(ModelBundle.toBytes(half), "half.bsmodel").weights())
        .isEqualTo(half.weights());
  }
}
