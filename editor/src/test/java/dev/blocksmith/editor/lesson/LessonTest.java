package dev.blocksmith.editor.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The lesson section of a graph file becomes ordered steps about the graph's own nodes. */
class LessonTest {
  @Test
  void yourFirstModelHasFiveStepsAboutItsOwnNodes() throws Exception {
    Graph g = GraphJson.read(Path.of("..", "graphs", "lessons", "your-first-model.json"));
    Lesson l = Lesson.of(g).orElseThrow();
    assertThat(l.title()).isEqualTo("Your first model");
    assertThat(l.steps())
        .extracting(Lesson.Step::node)
        .containsExactly("sample", "split", "train", "evaluate", "train");
    assertThat(l.steps())
        .allSatisfy(
            s -> {
              assertThat(g.node(s.node())).isPresent();
              assertThat(s.title()).isNotBlank();
              assertThat(s.text()).isNotBlank();
            });
  }

  @Test
  void aGraphWithoutALessonHasNone() throws Exception {
    Graph g = GraphJson.read(Path.of("..", "graphs", "first-model.json"));
    assertThat(Lesson.of(g)).isEmpty();
  }

  /** A lesson state with a fixed graph, a set of nodes that ran and metrics. */
  private static LessonState state(
      Graph g, java.util.Set<String> ran, java.util.Map<String, Double> metrics) {
    return new LessonState() {
      @Override
      public Graph graph() {
        return g;
      }

      @Override
      public boolean ran(String nodeId) {
        return ran.contains(nodeId);
      }

      @Override
      public java.util.OptionalDouble metric(String nodeId, String metric) {
        Double v = metrics.get(nodeId + "." + metric);
        return v == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(v);
      }
    };
  }

  @Test
  void stepsCompleteOnlyWhenTheRunMeetsTheirCondition() throws Exception {
    Graph g = GraphJson.read(Path.of("..", "graphs", "lessons", "your-first-model.json"));
    Lesson l = Lesson.of(g).orElseThrow();
    assertThat(l.summary()).contains("underfitting");
    Lesson.Step evaluate = l.steps().get(3);
    assertThat(evaluate.done().met(state(g, java.util.Set.of(), java.util.Map.of()), g)).isFalse();
    LessonState ran =
        state(g, java.util.Set.of("evaluate"), java.util.Map.of("evaluate.accuracy", 0.6));
    assertThat(evaluate.done().met(ran, g)).isTrue();
    assertThat(evaluate.react().get(0).met(ran, g)).isTrue();
    assertThat(evaluate.react().get(0).message(ran)).contains("60 %").contains("underfitting");
    Lesson.Step change = l.steps().get(4);
    assertThat(change.done().met(ran, g)).as("epochs not changed yet").isFalse();
    Graph edited =
        g.withParam("train", "epochs", com.fasterxml.jackson.databind.node.IntNode.valueOf(2));
    assertThat(change.done().met(state(edited, java.util.Set.of(), java.util.Map.of()), g))
        .isTrue();
  }

  @Test
  void everyLessonHasCheckedStepsAndASummary() throws Exception {
    try (var files = java.nio.file.Files.list(Path.of("..", "graphs", "lessons"))) {
      var lessons = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(lessons).hasSizeGreaterThanOrEqualTo(6);
      for (Path f : lessons) {
        Graph g = GraphJson.read(f);
        Lesson l = Lesson.of(g).orElseThrow();
        assertThat(l.summary()).as(f + " summary").isNotBlank();
        assertThat(l.steps()).as(f + " has a checked step").anyMatch(s -> s.done() != null);
        assertThat(l.steps())
            .allSatisfy(s -> assertThat(g.node(s.node())).as(f + " " + s.node()).isPresent());
      }
    }
  }

  @Test
  void aConditionWithoutAnythingToCheckIsRefused() {
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("hint", "do something");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LessonCheck.parse(json))
        .hasMessageContaining("\"ran\"");
  }
}
