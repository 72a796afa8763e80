package com.example.blocksmith;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExamplePackTest {

  @Test
  void packIsFoundThroughServiceLoaderUnderItsNamespace() {
    NodeRegistry registry = NodeRegistry.loadDefault();
    assertThat(registry.find("example.add-noise")).isPresent();
    assertThat(registry.loadProblems()).isEmpty();
  }

  @Test
  void addNoiseChangesFeaturesButNotLabels() throws Exception {
    Table t =
        Table.of(
            List.of(
                new NumberColumn("x", new double[] {1, 2, 3, 4, 5}),
                CategoryColumn.of("y", List.of("a", "b", "a", "b", "a"))),
            Map.of("y", ColumnRole.LABEL));
    List<String> log = new ArrayList<>();
    AddNoise block = new AddNoise();
    Map<String, Object> out =
        block.execute(
            new Inputs("noise", Map.of("table", t)),
            Params.of(block.spec(), Map.of()),
            new LogContext(log));
    Table noisy = (Table) out.get("table");
    assertThat(noisy.column("y")).isEqualTo(t.column("y"));
    assertThat(((NumberColumn) noisy.column("x").orElseThrow()).toArray())
        .isNotEqualTo(((NumberColumn) t.column("x").orElseThrow()).toArray());
    assertThat(log).containsExactly("Added noise to 1 number columns.");
  }

  /** A context that records log lines; this block needs nothing else. */
  private record LogContext(List<String> log) implements NodeContext {
    @Override
    public String nodeId() {
      return "noise";
    }

    @Override
    public void progress(double fraction, String message) {}

    @Override
    public void log(String message) {
      log.add(message);
    }

    @Override
    public void metric(String name, int step, double value) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public NDManager manager() {
      throw new UnsupportedOperationException("not needed by this block");
    }

    @Override
    public Device device() {
      return Device.cpu();
    }

    @Override
    public long seed() {
      return 1;
    }

    @Override
    public Path baseDir() {
      return null;
    }

    @Override
    public Path workDir() {
      return null;
    }
  }
}
