package dev.blocksmith.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.Score;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.prepare.FilterClasses;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped clothing base model reads real photos it never saw, and the zoo fails fast. */
class ShippedClothingBaseTest {

  @Test
  void theClothingBaseReadsUnseenTestPhotosOfItsFiveClasses() throws Exception {
    TrainedModel base = BaseModels.load(BaseModels.byId("clothing-0-4").orElseThrow());
    assertThat(base.labelNames())
        .containsExactly("T-shirt", "trouser", "pullover", "dress", "coat");
    try (TestContext ctx = new TestContext("clothing")) {
      Object photos =
          Run.block(
                  new SampleData(),
                  Map.of(),
                  ctx,
                  "dataset",
                  "fashion-test",
                  "size",
                  500,
                  "seed",
                  4,
                  "noise",
                  0.0)
              .get("data");
      Object known =
          Run.block(
                  new FilterClasses(),
                  Map.of("data", photos),
                  ctx,
                  "classes",
                  "T-shirt,trouser,pullover,dress,coat")
              .get("data");
      assertThat(Score.accuracy(base, known)).isGreaterThan(0.85);
    }
    assertThat(ModelBundle.toBytes(base).length).isLessThan(2 * 1024 * 1024);
  }

  @Test
  void anUnreachableZooHostIsReportedInPlainWords() {
    String offline = System.getProperty("ai.djl.offline");
    System.clearProperty("ai.djl.offline");
    try {
      // Port 9 (discard) on this machine refuses at once: no network needed, no hang.
      assertThat(ZooAccess.unreachable("https://127.0.0.1:9/model.zip"))
          .isEqualTo("there is no connection to 127.0.0.1");
      assertThat(ZooAccess.unreachable("not a url at all")).isNotNull();
    } finally {
      if (offline != null) {
        System.setProperty("ai.djl.offline", offline);
      }
    }
  }
}
