package dev.blocksmith.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphJsonTest {
  private static final String GRAPH =
      """
      {
        "formatVersion": 2,
        "name": "Mixed",
        "nodes": [
          {
            "id": "a",
            "type": "acme.not-installed",
            "typeVersion": 3,
            "params": {
              "int": 1,
              "dec": 1.0,
              "text": "1",
              "nested": {
                "z": [1, 2.50, "x"],
                "a": null
              }
            }
          }
        ],
        "edges": [
          {
            "from": "a.out",
            "to": "b.in"
          }
        ],
        "layout": {
          "positions": {
            "a": {
              "x": 10.0,
              "y": 20.5
            }
          },
          "notes": [ ]
        },
        "lesson": {
          "steps": [ "one" ]
        }
      }
      """;

  @Test
  void roundTripIsByteIdentical() throws Exception {
    String once = GraphJson.write(GraphJson.read(GRAPH));
    String twice = GraphJson.write(GraphJson.read(once));
    assertThat(twice).isEqualTo(once);
  }

  @Test
  void unknownBlocksAndParamTypesSurviveLosslessly() throws Exception {
    Graph g = GraphJson.read(GraphJson.write(GraphJson.read(GRAPH)));
    Node a = g.node("a").orElseThrow();
    assertThat(a.type()).isEqualTo("acme.not-installed");
    assertThat(a.typeVersion()).isEqualTo(3);
    JsonNode i = a.params().get("int");
    JsonNode d = a.params().get("dec");
    JsonNode t = a.params().get("text");
    assertThat(i.isIntegralNumber()).isTrue();
    assertThat(d.isFloatingPointNumber()).isTrue();
    assertThat(d.toString()).isEqualTo("1.0");
    assertThat(t.isTextual()).isTrue();
    assertThat(a.params().get("nested").path("z").get(1).toString()).isEqualTo("2.50");
    assertThat(g.edges()).containsExactly(Edge.of("a.out", "b.in"));
    assertThat(g.extras()).containsKey("lesson");
  }

  @Test
  void aFormat1FileIsUpgraded() throws Exception {
    Path file = Path.of(getClass().getResource("/graphs/v1-iris.json").toURI());
    Graph g = GraphJson.read(file);
    assertThat(g.edges()).containsExactly(Edge.of("load.table", "train.data"));
    assertThat(g.layout().positions().get("load")).isEqualTo(new Position(10, 20));
    assertThat(g.node("load").orElseThrow().params()).doesNotContainKeys("x", "y");
    assertThat(GraphJson.write(g)).contains("\"formatVersion\": 2").doesNotContain("links");
  }

  @Test
  void aNewerFormatIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> GraphJson.read("{\"formatVersion\": 99, \"nodes\": []}"))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("newer Blocksmith")
        .hasMessageContaining("99");
  }

  @Test
  void tooDeepNestingIsRefused() {
    String deep =
        "{\"formatVersion\": 2, \"nodes\": [], \"x\": " + "[".repeat(200) + "]".repeat(200) + "}";
    assertThatThrownBy(() -> GraphJson.read(deep))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void anOversizedFileIsRefused(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.json");
    byte[] bytes = new byte[(int) GraphJson.MAX_FILE_BYTES + 10];
    java.util.Arrays.fill(bytes, (byte) ' ');
    Files.write(big, bytes);
    assertThatThrownBy(() -> GraphJson.read(big))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("at most 8 MB");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> GraphJson.read("{\n  \"formatVersion\": 2,\n  \"nodes\": [,]\n}"))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("column");
  }

  @Test
  void savingKeepsTheOldVersionAsBak(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("g.json");
    Graph first = GraphJson.read(GRAPH);
    GraphFiles.save(first, file);
    GraphFiles.save(first.withTitle("Second", ""), file);
    assertThat(Files.readString(file.resolveSibling("g.json.bak"), StandardCharsets.UTF_8))
        .isEqualTo(GraphJson.write(first));
    assertThat(GraphJson.read(file).name()).isEqualTo("Second");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("g.json", "g.json.bak");
    }
  }
}
