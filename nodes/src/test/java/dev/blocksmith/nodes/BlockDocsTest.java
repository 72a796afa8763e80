package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.PortSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Every registered block explains itself, its ports and its params in plain words. */
class BlockDocsTest {

  @Test
  void everyBlockPortAndParamIsDescribed() {
    List<NodeSpec> specs = new ArrayList<>();
    ServiceLoader.load(NodeType.class).forEach(t -> specs.add(t.spec()));
    assertThat(specs)
        .extracting(NodeSpec::id)
        .contains("data.sample", "prepare.split", "train.train", "evaluate.evaluate");
    for (NodeSpec s : specs) {
      assertThat(s.summary()).as(s.id() + " summary").isNotBlank();
      assertThat(s.whatItDoes()).as(s.id() + " explanation").isNotBlank();
      assertThat(s.whyItMatters()).as(s.id() + " why").isNotBlank();
      List<PortSpec> ports = new ArrayList<>(s.inputs());
      ports.addAll(s.outputs());
      for (PortSpec p : ports) {
        assertThat(p.description()).as(s.id() + "." + p.name()).isNotBlank();
      }
      for (ParamSpec p : s.params()) {
        assertThat(p.help()).as(s.id() + " param " + p.name()).isNotBlank();
        assertThat(p.label()).as(s.id() + " param " + p.name()).isNotBlank();
      }
      s.presets()
          .forEach(
              (name, values) ->
                  values.forEach(
                      (param, v) ->
                          assertThat(s.param(param).orElseThrow().check(v))
                              .as(name + "." + param)
                              .isEmpty()));
    }
  }
}
