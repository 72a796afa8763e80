package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.coach.Fixes;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Fix;
import dev.blocksmith.engine.value.Report;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coach change to a Train setting that Automatic picks itself must still take effect: on a model
 * the Automatic choice made, the change switches Train to that model with the change on top.
 */
class AutomaticFixTest {
  private static final Path GRAPH = Path.of("..", "graphs", "first-model.json");
  @TempDir Path dir;

  @Test
  void aChangeToATrainSettingTakesEffectOnAModelAutomaticChose() throws Exception {
    NodeRegistry registry = NodeRegistry.loadDefault();
    Graph g =
        GraphJson.read(GRAPH)
            .withParam("sample", "size", IntNode.valueOf(400))
            .withParam("train", "architecture", TextNode.valueOf("auto"))
            .withParam("train", "searchSeconds", IntNode.valueOf(1));
    try (EngineSession session = new EngineSession(registry, dir.resolve("runs"))) {
      RunResult first = run(session, g);
      TrainedModel chosen = (TrainedModel) first.output("train", "model");
      assertThat(chosen.provenance().settings()).startsWith("Automatic model choice");
      Report report = (Report) first.output("evaluate", "report");
      Fix fix =
          report.findings().stream()
              .map(Finding::fix)
              .filter(f -> f != null && "train.train".equals(f.block()) && f.setsParam())
              .findFirst()
              .orElse(
                  CoachFixes.underAutomatic(
                      Fix.set("train.train", "dropout", "0.2", "add dropout 0.2 in Train"),
                      chosen));
      assertThat(fix.also()).containsKey("architecture");
      assertThat(fix.instruction()).startsWith("Train: use the ");
      assertThat(Fixes.cliLine(g, registry, "evaluate", fix)).contains("--set train.architecture=");

      Graph fixed = Fixes.apply(g, registry, "evaluate", fix);
      RunResult second = run(session, fixed);
      TrainedModel after = (TrainedModel) second.output("train", "model");
      assertThat(after.provenance().settings()).doesNotStartWith("Automatic model choice");
      if (fix.param().equals("hiddenSizes")) {
        assertThat(after.arch().hidden().toString().replace(" ", "")).isEqualTo(fix.value());
      } else if (fix.param().equals("dropout")) {
        assertThat(after.arch().dropout()).isEqualTo(Double.parseDouble(fix.value()));
      }
    }
  }

  @Test
  void aModelTrainedWithChosenSettingsKeepsTheOneChange() {
    Fix fix = Fix.set("train.train", "dropout", "0.2", "add dropout 0.2 in Train");
    assertThat(CoachFixes.underAutomatic(fix, null)).isSameAs(fix);
    Fix other = Fix.set("prepare.split", "testShare", "0.3", "keep 30 %");
    assertThat(CoachFixes.underAutomatic(other, null)).isSameAs(other);
  }

  private RunResult run(EngineSession session, Graph g) throws Exception {
    RunResult r =
        session
            .start(
                g,
                GRAPH.toAbsolutePath().getParent(),
                new RunOptions(null, "cpu", null, false),
                e -> {})
            .result()
            .get(5, TimeUnit.MINUTES);
    assertThat(r.success()).isTrue();
    return r;
  }
}
