package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.session.RunReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of the loan-fairness example is self-contained and renders in Chromium. */
class HtmlReportTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path GRAPHS = Path.of("..", "graphs");

  @TempDir Path dir;

  @Test
  void loanFairnessReportIsSelfContainedEscapedAndRendersInChromium() throws Exception {
    Path file = GRAPHS.resolve("loan-fairness.json");
    Graph graph =
        AllGraphsTest.small(GraphJson.read(file))
            .withTitle("Loans <script>alert('x')</script> & fairness", "A \"test\" <b>report</b>");
    NodeRegistry registry = NodeRegistry.loadDefault();
    Path html = dir.resolve("loan-fairness.html");
    try (EngineSession session = new EngineSession(registry, dir.resolve("runs"))) {
      RunResult r =
          session
              .start(
                  graph,
                  file.toAbsolutePath().getParent(),
                  new RunOptions(null, "cpu", null, false),
                  e -> {})
              .result()
              .get(5, TimeUnit.MINUTES);
      assertThat(r.success()).isTrue();
      RunReportWriter.find().orElseThrow().write(graph, r, registry, file.getParent(), html);
    }
    String text = Files.readString(html);
    for (String part :
        List.of(
            "<svg",
            "data:image/png;base64,",
            "Confusion matrix",
            "ROC curve",
            "Precision&ndash;recall curve",
            "Findings",
            "Ask why the past answers differ",
            "Some mistakes",
            "Loans &lt;script&gt;alert('x')&lt;/script&gt; &amp; fairness")) {
      assertThat(text.contains(part)).as("report contains " + part).isTrue();
    }
    for (String part : List.of("<script", "http://", "https://", "src=\"file:")) {
      assertThat(text.contains(part)).as("report contains " + part).isFalse();
    }
    Path shot = Path.of("target", "screenshots", "html-report-loan-fairness.png");
    Files.createDirectories(shot.getParent());
    Files.copy(
        html,
        shot.resolveSibling("html-report-loan-fairness.html"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed");
    Path profile = Files.createTempDirectory(dir, "chromium");
    List<String> cmd =
        List.of(
            CHROMIUM.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,2400",
            "--screenshot=" + shot.toAbsolutePath(),
            html.toUri().toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    p.getInputStream().transferTo(log);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = log.toString(StandardCharsets.UTF_8);
    new PrintStream(System.out, true, StandardCharsets.UTF_8).println(out);
    assertThat(out).doesNotContain("Uncaught", "Refused to", "ERR_");
    assertThat(out).doesNotContainPattern("CONSOLE\\(\\d+\\)");
    assertThat(shot).exists();
    assertThat(Files.size(shot)).isGreaterThan(20_000);
  }
}
