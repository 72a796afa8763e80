package dev.blocksmith.editor.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.editor.app.Home;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * One worker JVM, 20 real runs (sample, split, train, evaluate; a new seed each time, so nothing
 * comes from the cache): its resident memory stays flat within 10 %. The heap is fixed and
 * pre-touched, so what could grow is native memory (PyTorch, glibc arenas) or a leak that keeps
 * heap objects alive beyond the cache's bound (the cache is full of seeds we never ask again).
 */
@EnabledOnOs(OS.LINUX)
class WorkerMemoryTest {
  static final int RUNS = 20;

  static Graph smallGraph() throws Exception {
    Path file = Home.graphsDir().resolve("first-model.json");
    return GraphJson.read(file)
        .withParam("sample", "size", IntNode.valueOf(200))
        .withParam("train", "epochs", IntNode.valueOf(2));
  }

  /** Runs the graph {@code warmUp + RUNS} times; returns the RSS in kB after each counted run. */
  static List<Long> rssOverRuns(int warmUp) throws Exception {
    String old = System.getProperty("blocksmith.workerJavaOptions");
    System.setProperty("blocksmith.workerJavaOptions", "-Xms384m -Xmx384m -XX:+AlwaysPreTouch");
    List<Long> rss = new ArrayList<>();
    Graph g = smallGraph();
    try (WorkerRuns w = new WorkerRuns().start()) {
      for (int i = 0; i < warmUp + RUNS; i++) {
        var out = w.run(g, Home.graphsDir(), new RunOptions(Set.of(), "cpu", 1000L + i, false));
        assertThat(out.success()).as("run %d: %s", i, out.statuses()).isTrue();
        if (i >= warmUp) {
          rss.add(w.rssKb());
        }
      }
    } finally {
      if (old == null) {
        System.clearProperty("blocksmith.workerJavaOptions");
      } else {
        System.setProperty("blocksmith.workerJavaOptions", old);
      }
    }
    return rss;
  }

  @Test
  void residentMemoryStaysFlatOverTwentyRuns() throws Exception {
    List<Long> rss = rssOverRuns(2);
    long first = rss.get(0);
    long max = rss.stream().mapToLong(Long::longValue).max().orElseThrow();
    System.out.println(
        "worker RSS kB over "
            + RUNS
            + " runs: "
            + rss
            + "; max/first = "
            + String.format("%.3f", max / (double) first));
    assertThat(max).as("RSS kB after each run: %s", rss).isLessThanOrEqualTo(first * 110 / 100);
  }
}
