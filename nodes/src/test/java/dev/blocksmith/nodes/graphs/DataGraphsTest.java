package dev.blocksmith.nodes.graphs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataGraphsTest {

  @Test
  void committedGraphsReadAndWriteToTheSameBytes() throws Exception {
    for (String name : DataGraphs.expected().keySet()) {
      Path file = DataGraphs.folder().resolve(name);
      String bytes = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(GraphJson.write(GraphJson.read(file))).as(name).isEqualTo(bytes);
    }
  }

  @Test
  void committedGraphsEqualTheirDefinitionAndPointAtShippedData() throws Exception {
    for (Map.Entry<String, Graph> e : DataGraphs.expected().entrySet()) {
      Path file = DataGraphs.folder().resolve(e.getKey());
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as(e.getKey() + " differs from DataGraphs; run DataGraphs.main to rewrite it")
          .isEqualTo(GraphJson.write(e.getValue()));
      String csv = e.getValue().node("load").orElseThrow().params().get("file").asText();
      assertThat(DataGraphs.folder().resolve(csv)).isRegularFile();
    }
  }
}
