package dev.blocksmith.engine.exec;

import static dev.blocksmith.engine.testing.PluginJarMaker.blockSource;
import static dev.blocksmith.engine.testing.PluginJarMaker.packSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.registry.PluginJars;
import dev.blocksmith.engine.registry.PluginTrust;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.testing.PluginJarMaker;
import dev.blocksmith.engine.testing.TestBlocks;
import dev.blocksmith.engine.testing.TestGraphs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin block that never returns is stopped on cancel and after the run's time limit: told to
 * stop, interrupted, and abandoned with a plain message when it ignores both.
 */
class PluginHangTest {
  @TempDir static Path dir;
  private static NodeRegistry registry;

  @BeforeAll
  static void buildPlugin() throws Exception {
    Path plugins = dir.resolve("plugins");
    java.nio.file.Files.createDirectories(plugins);
    new PluginJarMaker()
        // Ignores interrupts and the cancel flag: only abandoning it ends the node. (The test
        // releases it afterwards so it does not burn a core for the rest of the suite.)
        .source(
            "hang.Spin",
            blockSource(
                "hang",
                "Spin",
                "hang.spin",
                "while (System.getProperty(\"hang.release\") == null) { Thread.interrupted();"
                    + " Thread.onSpinWait(); }"))
        // Sleeps until interrupted, like a block blocked on I/O.
        .source("hang.Sleep", blockSource("hang", "Sleep", "hang.sleep", "Thread.sleep(600_000);"))
        .source(
            "hang.Pack",
            packSource("hang", "Pack", "hang", "java.util.List.of(new Spin(), new Sleep())"))
        .pack("hang.Pack")
        .write(plugins.resolve("hang.jar"));
    PluginTrust.trust(plugins, PluginJars.find(plugins).get(0));
    registry = PluginJars.loadRegistry(plugins, new TestBlocks().registry().all());
    assertThat(registry.find("hang.spin")).isPresent();
  }

  @AfterAll
  static void releaseAbandonedThreads() {
    System.setProperty("hang.release", "yes");
  }

  private static RunResult runAndCancel(String type, RunOptions options) throws Exception {
    Graph g = TestGraphs.of("hang").node("h", type).build();
    CountDownLatch started = new CountDownLatch(1);
    try (EngineSession s = new EngineSession(registry, dir.resolve("runs"))) {
      RunHandle h =
          s.start(
              g,
              dir,
              options,
              e -> {
                if (e instanceof RunEvent.NodeStarted) {
                  started.countDown();
                }
              });
      if (options.blockTimeout() == null) {
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        h.cancel();
      }
      return h.result().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBlockThatIgnoresCancelIsAbandonedAndTheRunEnds() throws Exception {
    int before = Executor.abandonedBlocks();
    RunResult r = runAndCancel("hang.spin", RunOptions.DEFAULTS);
    assertThat(r.statuses().get("h")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(r.messages().get("h"))
        .contains("from pack 'Pack' (hang.jar)")
        .contains("did not stop when asked")
        .contains("The run was ended without it");
    assertThat(Executor.abandonedBlocks()).isEqualTo(before + 1);
  }

  @Test
  void aBlockThatIgnoresEverythingIsStoppedByTheTimeLimit() throws Exception {
    RunResult r =
        runAndCancel("hang.spin", RunOptions.DEFAULTS.withBlockTimeout(Duration.ofMillis(300)));
    assertThat(r.success()).isFalse();
    assertThat(r.statuses().get("h")).isEqualTo(NodeStatus.FAILED);
    assertThat(r.messages().get("h"))
        .contains("took longer than its time limit of 300 ms")
        .contains("did not stop when asked");
  }

  @Test
  void aBlockThatHonoursInterruptsStopsWithoutBeingAbandoned() throws Exception {
    int before = Executor.abandonedBlocks();
    RunResult cancelled = runAndCancel("hang.sleep", RunOptions.DEFAULTS);
    assertThat(cancelled.statuses().get("h")).isEqualTo(NodeStatus.CANCELLED);
    assertThat(cancelled.messages().get("h")).doesNotContain("did not stop");

    RunResult timedOut =
        runAndCancel("hang.sleep", RunOptions.DEFAULTS.withBlockTimeout(Duration.ofMillis(300)));
    assertThat(timedOut.statuses().get("h")).isEqualTo(NodeStatus.FAILED);
    assertThat(timedOut.messages().get("h"))
        .contains("took longer than its time limit of 300 ms and was stopped");
    assertThat(Executor.abandonedBlocks()).isEqualTo(before);
  }
}
