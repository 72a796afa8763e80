package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.PortSpec;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.testing.BlockContract;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every block follows the typed contract: typed constants, one spec, no reading by string. */
class BlockContractTest {

  @Test
  void everyBlockDeclaresTypedPortsAndParamsAndOneConstantSpec() {
    List<String> problems = new ArrayList<>();
    int blocks = 0;
    for (NodeType t : ServiceLoader.load(NodeType.class)) {
      problems.addAll(BlockContract.problems(t));
      blocks++;
    }
    assertThat(blocks).isGreaterThanOrEqualTo(15);
    assertThat(problems).isEmpty();
  }

  @Test
  void noBlockReadsAnInputOrParamByString() throws IOException {
    List<Path> roots = new ArrayList<>(List.of(Path.of("src/main/java")));
    try (Stream<Path> plugins = Files.list(Path.of("../plugins"))) {
      plugins.map(p -> p.resolve("src/main/java")).filter(Files::isDirectory).forEach(roots::add);
    }
    assertThat(roots).hasSizeGreaterThanOrEqualTo(2);
    List<String> found = new ArrayList<>();
    roots.forEach(r -> found.addAll(BlockContract.stringAccess(r)));
    assertThat(found).isEmpty();
  }

  @Test
  void theChecksCatchABlockWrittenTheOldWay(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("Old.java"),
        String.join(
            "\n",
            "class Old {",
            "  Object run(Inputs inputs, Params params) {",
            "    String s = params.getString(\"label\");",
            "    return Map.of(\"table\", inputs.get(\"table\", Table.class));",
            "  }",
            "}"));
    assertThat(BlockContract.stringAccess(dir)).hasSize(3);
    NodeType old =
        new NodeType() {
          @Override
          public NodeSpec spec() {
            return NodeSpec.builder("old.block")
                .setDisplayName("Old")
                .setCategory(Category.PREPARE)
                .setSummary("Old.")
                .setWhatItDoes("Old.")
                .addOutput(PortSpec.of("table", PortType.TABLE, "Table", "Rows."))
                .build();
          }

          @Override
          public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx) {
            return Map.of();
          }
        };
    assertThat(BlockContract.problems(old)).hasSize(3);
  }

  @Test
  void paramsAndInputsOfferNoGetterByName() {
    for (Class<?> c : List.of(Params.class, Inputs.class)) {
      for (Method m : c.getMethods()) {
        if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
          continue;
        }
        assertThat(Arrays.asList(m.getParameterTypes()))
            .as(c.getSimpleName() + "." + m.getName())
            .doesNotContain(String.class);
      }
    }
  }
}
