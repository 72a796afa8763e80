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
    assertThat(l.steps()).extracting(Lesson.Step::node)
        .containsExactly("sample", "split", "train", "evaluate", "train");
    assertThat(l.steps()).allSatisfy(s -> {
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
}
