package dev.blocksmith.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.store.DiskCache;
import dev.blocksmith.engine.testing.TestBlocks;
import dev.blocksmith.engine.testing.TestGraphs;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentCacheTest {
  private static final RunOptions CPU = new RunOptions(Set.of(), "cpu", null, false);

  @TempDir Path runs;
  @TempDir Path cacheDir;

  private static Graph chain(double amount) {
    return TestGraphs.of("chain")
        .node("src", "test.source")
        .node("add", "test.add-one", Map.<String, JsonNode>of("amount", DoubleNode.valueOf(amount)))
        .edge("src.table", "add.table")
        .build();
  }

  /** Runs a graph in a fresh session (as a new process would), over the shared disk cache. */
  private RunResult runFresh(TestBlocks blocks, Graph g, boolean reuse) throws Exception {
    OutputCache cache = new OutputCache(1 << 20, new DiskCache(cacheDir, 1 << 20), reuse);
    try (EngineSession s = new EngineSession(blocks.registry(), runs, cache)) {
      return s.start(g, runs, CPU, e -> {}).result().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aNewSessionServesUnchangedUpstreamNodesFromDisk() throws Exception {
    TestBlocks first = new TestBlocks();
    assertThat(runFresh(first, chain(1), true).success()).isTrue();

    TestBlocks second = new TestBlocks();
    RunResult r = runFresh(second, chain(5), true);

    assertThat(r.success()).isTrue();
    assertThat(r.statuses())
        .containsEntry("src", NodeStatus.CACHED)
        .containsEntry("add", NodeStatus.DONE);
    assertThat(second.source.runs).hasValue(0);
    assertThat(r.output("add", "table"))
        .isEqualTo(runFresh(new TestBlocks(), chain(5), false).output("add", "table"));
  }

  private static Graph remembering(double value, double amount) {
    return TestGraphs.of("remembering")
        .node("src", "test.source", Map.<String, JsonNode>of("value", DoubleNode.valueOf(value)))
        .node(
            "rem", "test.remember", Map.<String, JsonNode>of("amount", DoubleNode.valueOf(amount)))
        .edge("src.table", "rem.table")
        .build();
  }

  private static double x(RunResult r) {
    return ((NumberColumn) ((Table) r.output("rem", "table")).column("x").orElseThrow()).get(0);
  }

  @Test
  void whatABlockKeepsIsRecalledInANewSessionForTheSameInputsOnly() throws Exception {
    TestBlocks first = new TestBlocks();
    assertThat(x(runFresh(first, remembering(3, 1), true))).isEqualTo(31);
    assertThat(first.remember.computed).hasValue(1);

    // only the block's own setting changed: it runs, but recalls its costly part from disk
    TestBlocks second = new TestBlocks();
    RunResult r = runFresh(second, remembering(3, 2), true);
    assertThat(r.statuses()).containsEntry("rem", NodeStatus.DONE);
    assertThat(x(r)).isEqualTo(32);
    assertThat(second.remember.computed).hasValue(0);

    // a different input: computed again, never the old value
    TestBlocks third = new TestBlocks();
    assertThat(x(runFresh(third, remembering(4, 2), true))).isEqualTo(42);
    assertThat(third.remember.computed).hasValue(1);

    // --no-cache: nothing is recalled
    TestBlocks fourth = new TestBlocks();
    assertThat(x(runFresh(fourth, remembering(3, 5), false))).isEqualTo(35);
    assertThat(fourth.remember.computed).hasValue(1);
  }

  @Test
  void noCacheRunsEverythingButStillStoresTheResults() throws Exception {
    runFresh(new TestBlocks(), chain(1), true);
    TestBlocks again = new TestBlocks();
    assertThat(runFresh(again, chain(1), false).statuses())
        .containsEntry("src", NodeStatus.DONE)
        .containsEntry("add", NodeStatus.DONE);
    assertThat(again.source.runs).hasValue(1);
    TestBlocks third = new TestBlocks();
    runFresh(third, chain(1), true);
    assertThat(third.source.runs).hasValue(0);
  }

  @Test
  void aCorruptedEntryIsIgnoredAndTheNodeRunsAgain() throws Exception {
    runFresh(new TestBlocks(), chain(1), true);
    List<Path> entries;
    try (Stream<Path> s = Files.walk(cacheDir)) {
      entries = s.filter(p -> p.toString().endsWith(".entry")).toList();
    }
    assertThat(entries).hasSize(2);
    for (Path p : entries) {
      try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
        f.seek(f.length() / 2);
        int b = f.read();
        f.seek(f.length() / 2);
        f.write(b ^ 1);
      }
    }
    TestBlocks blocks = new TestBlocks();
    RunResult r = runFresh(blocks, chain(1), true);
    assertThat(r.success()).isTrue();
    assertThat(r.statuses())
        .containsEntry("src", NodeStatus.DONE)
        .containsEntry("add", NodeStatus.DONE);
    assertThat(blocks.source.runs).hasValue(1);
  }

  @Test
  void theMemoryCacheIsBoundedByBytesNotEntries() {
    long bound = 1_000_000;
    OutputCache cache = new OutputCache(bound, null);
    for (int i = 0; i < 40; i++) {
      cache.put(
          "k" + i,
          Map.of(
              "t", Table.of(List.of(new NumberColumn("x", new double[20_000]))))); // ~160 KB each
      assertThat(cache.memoryBytes()).isLessThanOrEqualTo(bound);
    }
    assertThat(cache.size()).isBetween(3, 6);
    assertThat(cache.memoryGet("k39")).isPresent();
    assertThat(cache.memoryGet("k0")).isEmpty();
    cache.put("huge", Map.of("t", Table.of(List.of(new NumberColumn("x", new double[200_000])))));
    assertThat(cache.memoryGet("huge")).isEmpty(); // larger than the bound: not kept
    assertThat(cache.memoryGet("k39")).isPresent(); // and it evicted nothing
  }
}
