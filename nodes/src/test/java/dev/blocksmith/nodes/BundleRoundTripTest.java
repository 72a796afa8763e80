package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * graphs/house-prices.json packed with {@code blocksmith bundle}, copied into a clean folder and
 * run there with {@code blocksmith run X.blocksmith} under a clean home folder gives exactly the
 * metrics of running the original file; the bundle carries its CSV, and the small data limit leaves
 * it as a reference with a note instead.
 */
class BundleRoundTripTest {
  private static final Path GRAPH = Path.of("..", "graphs", "house-prices.json");

  @TempDir Path tmp;

  private record Output(int code, String out, String err) {}

  private static Output cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadDefault(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Output(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private JsonNode runMetrics(Path file) throws Exception {
    Output o =
        cli(
            "run",
            file.toString(),
            "--json",
            "--device",
            "cpu",
            "--set",
            "train.epochs=3",
            "--runs",
            tmp.resolve("runs").toString());
    assertThat(o.code()).as(o.err()).isZero();
    return new ObjectMapper().readTree(o.out()).get("metrics").get("evaluate");
  }

  @Test
  void aBundleOpenedInACleanFolderGivesTheSameMetrics() throws Exception {
    Path made = tmp.resolve("made/house-prices.blocksmith");
    Output b = cli("bundle", GRAPH.toString(), made.toString());
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(b.out()).contains("data/house-prices.csv", "data limit 50 MB");

    Path clean = Files.createDirectories(tmp.resolve("clean"));
    Path bundle = Files.copy(made, clean.resolve("house-prices.blocksmith"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    String oldHome = System.getProperty("user.home");
    JsonNode bundled;
    try {
      System.setProperty("user.home", home.toString());
      bundled = runMetrics(bundle);
    } finally {
      System.setProperty("user.home", oldHome);
    }
    assertThat(Files.readAllBytes(clean.resolve("house-prices/data/house-prices.csv")))
        .isEqualTo(Files.readAllBytes(GRAPH.resolveSibling("data/house-prices.csv")));
    try (Stream<Path> s = Files.list(home)) {
      // DJL unpacks PyTorch's native library into ~/.djl.ai the first time a JVM loads it (when
      // this test runs alone); that is DJL's own cache, not something the bundle wrote.
      assertThat(s.filter(p -> !p.getFileName().toString().equals(".djl.ai")))
          .as("nothing written to the clean home")
          .isEmpty();
    }
    JsonNode original = runMetrics(GRAPH);
    System.out.println("house-prices original " + original + " bundled " + bundled);
    assertThat(bundled.size()).isPositive();
    assertThat(bundled).isEqualTo(original);
  }

  @Test
  void filesOverTheLimitStayReferencesWithANote() throws Exception {
    Path made = tmp.resolve("small.blocksmith");
    Output b = cli("bundle", GRAPH.toString(), made.toString(), "--data-limit-mb", "0");
    assertThat(b.code()).isZero();
    assertThat(b.out()).contains("Note:", "data/house-prices.csv", "was not included");
    Output run = cli("run", made.toString(), "--device", "cpu");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Note:", "was not included", "house-prices.csv");
    assertThat(List.of(cli("bundle", GRAPH.toString(), tmp.resolve("x.zip").toString()).err()))
        .anyMatch(e -> e.contains("should end with .blocksmith"));
  }

  @Test
  void thePlanShowsWhatTheBundleWillHoldAndWritingReportsProgress() throws Exception {
    var graph = dev.blocksmith.engine.graph.GraphJson.read(GRAPH);
    var registry = NodeRegistry.loadDefault();
    var opts = dev.blocksmith.engine.bundle.PipelineBundle.Options.DEFAULTS;
    Path base = GRAPH.toAbsolutePath().getParent();
    var plan =
        dev.blocksmith.engine.bundle.PipelineBundle.plan(
            graph, "house-prices.json", base, registry, opts);
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).as("planning writes nothing").isEmpty();
    }
    long csv = Files.size(GRAPH.resolveSibling("data/house-prices.csv"));
    assertThat(plan.included()).containsEntry("data/house-prices.csv", csv);
    assertThat(plan.references()).isEmpty();
    List<long[]> seen = new java.util.ArrayList<>();
    var written =
        dev.blocksmith.engine.bundle.PipelineBundle.write(
            graph,
            "house-prices.json",
            base,
            registry,
            opts,
            tmp.resolve("p.blocksmith"),
            (done, total) -> seen.add(new long[] {done, total}));
    assertThat(written).isEqualTo(plan);
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(seen.size() - 1)).containsExactly(csv, csv);
    var small =
        dev.blocksmith.engine.bundle.PipelineBundle.plan(
            graph,
            "house-prices.json",
            base,
            registry,
            new dev.blocksmith.engine.bundle.PipelineBundle.Options(10, true, true));
    assertThat(small.included()).isEmpty();
    assertThat(small.references()).singleElement().asString().contains("was not included");
  }
}
