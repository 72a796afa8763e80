package dev.blocksmith.editor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GraphPathsTest {
  @Test
  void aPathBesideTheGraphIsStoredRelativeToIt() {
    Path dir = Path.of("/home/ann/pipelines");
    assertThat(GraphPaths.forGraph(dir.resolve("data/sales.csv"), dir)).isEqualTo("data/sales.csv");
    assertThat(GraphPaths.forGraph(dir.resolve("pics"), dir)).isEqualTo("pics");
  }

  @Test
  void aPathElsewhereOrForAnUnsavedGraphStaysAbsolute() {
    Path dir = Path.of("/home/ann/pipelines");
    assertThat(GraphPaths.forGraph(Path.of("/data/sales.csv"), dir)).isEqualTo("/data/sales.csv");
    assertThat(GraphPaths.forGraph(Path.of("/home/ann/pipelines-old/x.csv"), dir))
        .isEqualTo("/home/ann/pipelines-old/x.csv");
    assertThat(GraphPaths.forGraph(Path.of("/data/x.csv"), null)).isEqualTo("/data/x.csv");
  }
}
