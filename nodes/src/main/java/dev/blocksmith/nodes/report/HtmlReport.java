package dev.blocksmith.nodes.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import dev.blocksmith.engine.coach.Fixes;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.RunReportWriter;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.text.MetricHelp;
import dev.blocksmith.engine.text.ReportText;
import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TableSummary.ColumnSummary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The HTML report of a run: one self-contained file (no scripts, no links out; charts are inline
 * PNG images, the pipeline an inline SVG) with the pipeline, a summary of the data, and each
 * report's metrics, confusion matrix, charts, mistakes and findings with their changes. Every text
 * from the graph or the data is escaped with Commons Text.
 */
public final class HtmlReport implements RunReportWriter {
  private static final String STYLE =
      "body{font-family:sans-serif;margin:24px auto;"
          + "max-width:1120px;color:#1d2433;line-height:1.45}h1{margin-bottom:4px}"
          + "h2{border-bottom:1px solid #d5d9e0;padding-bottom:4px;margin-top:32px}"
          + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d5d9e0;"
          + "padding:3px 8px;text-align:right}th{background:#f2f4f7}td:first-child,"
          + "th:first-child{text-align:left}.muted{color:#5b6577}.finding{margin:6px 0;"
          + "padding:6px 10px;border-left:4px solid #8a94a6;background:#f7f8fa}"
          + ".WARNING{border-color:#d97706}.GOOD{border-color:#16a34a}code{background:#eef0f4;"
          + "padding:1px 4px}.help{color:#5b6577;font-size:90%;max-width:760px;text-align:left}td.help{text-align:left}"
          + "img.chart{max-width:100%;border:1px solid #e4e7ec}";

  @Override
  public void write(Graph graph, RunResult result, NodeRegistry registry, Path baseDir, Path file)
      throws IOException {
    GraphFiles.writeAtomically(
        file, render(graph, result, registry).getBytes(StandardCharsets.UTF_8), false);
  }

  /** Returns the report as one HTML document. */
  public static String render(Graph graph, RunResult result, NodeRegistry registry) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("img-src data:; style-src 'unsafe-inline'\">")
        .append("<title>")
        .append(e(graph.name()))
        .append(" · Blocksmith report</title>")
        .append("<style>")
        .append(STYLE)
        .append("</style></head><body>");
    h.append("<h1>").append(e(graph.name())).append("</h1>");
    if (!graph.description().isBlank()) {
      h.append("<p>").append(e(graph.description())).append("</p>");
    }
    h.append("<p class=\"muted\">")
        .append(result.success() ? "Finished" : "Did not finish")
        .append(" in ")
        .append(String.format(Locale.ROOT, "%.1f", result.millis() / 1000.0))
        .append(" s on ")
        .append(e(result.device()))
        .append(" · ")
        .append(e(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)))
        .append("</p>");
    h.append("<h2>Pipeline</h2>").append(PipelineSvg.of(graph, registry, result.statuses()));
    result
        .messages()
        .forEach(
            (node, msg) ->
                h.append("<p class=\"finding WARNING\">")
                    .append(e(node))
                    .append(": ")
                    .append(e(msg))
                    .append("</p>"));
    h.append("<h2>Data</h2>");
    for (Node n : graph.nodes()) {
      boolean data =
          registry.find(n.type()).map(t -> t.spec().category() == Category.DATA).orElse(false);
      for (Object v : result.outputs().getOrDefault(n.id(), Map.of()).values()) {
        if (data && v instanceof Table t) {
          table(h, n.id(), t);
        } else if (data && v instanceof ImageSet s) {
          images(h, n.id(), s);
        }
      }
    }
    for (Node n : graph.nodes()) {
      for (var port : result.outputs().getOrDefault(n.id(), Map.of()).entrySet()) {
        if (port.getValue() instanceof Report r) {
          h.append("<h2>").append(e(n.id())).append(": ").append(e(r.title())).append("</h2>");
          report(h, r, fix -> Fixes.cliLine(graph, registry, n.id(), fix));
        }
      }
    }
    return h.append("</body></html>").toString();
  }

  private static void table(StringBuilder h, String node, Table t) {
    h.append("<h3>").append(e(node)).append(": ").append(e(t.headline())).append("</h3>");
    h.append("<table><tr><th>column</th><th>type</th><th>role</th><th>missing</th>")
        .append("<th>mean</th><th>min</th><th>max</th></tr>");
    for (ColumnSummary c : t.summary().columns()) {
      h.append("<tr><td>")
          .append(e(c.name()))
          .append("</td><td>")
          .append(e(c.type().name().toLowerCase(Locale.ROOT)))
          .append("</td><td>")
          .append(e(c.role().name().toLowerCase(Locale.ROOT)))
          .append("</td><td>")
          .append(c.missing())
          .append("</td><td>")
          .append(num(c.mean()))
          .append("</td><td>")
          .append(num(c.min()))
          .append("</td><td>")
          .append(num(c.max()))
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void images(StringBuilder h, String node, ImageSet s) {
    h.append("<h3>").append(e(node)).append(": ").append(e(s.headline())).append("</h3>");
    h.append("<table><tr><th>class</th><th>pictures</th></tr>");
    for (int i = 0; i < s.classNames().size(); i++) {
      h.append("<tr><td>")
          .append(e(s.classNames().get(i)))
          .append("</td><td>")
          .append(s.classCounts()[i])
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void report(
      StringBuilder h,
      Report r,
      java.util.function.Function<dev.blocksmith.engine.value.Fix, String> fixes) {
    if (!r.metrics().isEmpty()) {
      h.append("<table><tr><th>metric</th><th>value</th><th>what it means</th></tr>");
      r.metrics()
          .forEach(
              (k, v) ->
                  h.append("<tr><td>")
                      .append(e(k))
                      .append("</td><td>")
                      .append(e(ReportText.number(v)))
                      .append("</td><td class=\"help\">")
                      .append(e(MetricHelp.of(k).orElse("")))
                      .append("</td></tr>"));
      h.append("</table>");
    }
    if (r.confusion().length > 0 && r.classNames().size() == r.confusion().length) {
      h.append("<h3>Confusion matrix</h3><p class=\"help\">Rows: the true class. Columns: what ")
          .append("the model predicted. The diagonal holds the right answers.</p><table><tr>")
          .append("<th></th>");
      r.classNames().forEach(c -> h.append("<th>").append(e(c)).append("</th>"));
      h.append("</tr>");
      for (int i = 0; i < r.confusion().length; i++) {
        h.append("<tr><th>").append(e(r.classNames().get(i))).append("</th>");
        for (int count : r.confusion()[i]) {
          h.append("<td>").append(count).append("</td>");
        }
        h.append("</tr>");
      }
      h.append("</table>");
    }
    List<Chart> charts = new ArrayList<>();
    if (!r.curves().isEmpty()) {
      List<Chart.Series> series = new ArrayList<>();
      for (Curve c : r.curves()) {
        series.add(
            new Chart.Series(
                c.name(),
                null,
                c.values().stream().mapToDouble(Double::doubleValue).toArray(),
                null));
      }
      charts.add(
          Chart.lines(
              "Training curves",
              "Loss (lower is better) and accuracy per "
                  + "epoch, on the training and the validation examples. Lines that drift apart mean "
                  + "overfitting.",
              "epoch",
              "value",
              series));
    }
    charts.addAll(r.charts());
    for (Chart c : charts) {
      h.append("<h3>")
          .append(e(c.title()))
          .append("</h3><p class=\"help\">")
          .append(e(c.help()))
          .append("</p><img class=\"chart\" alt=\"")
          .append(e(c.title()))
          .append("\" src=\"")
          .append(png(ChartImages.image(c, 720, 360)))
          .append("\">");
    }
    if (r.binary() != null) {
      Report.Binary b = r.binary();
      int i = b.indexOf(0.5);
      h.append("<p>At the decision threshold 0.5: ")
          .append(b.tp()[i])
          .append(' ')
          .append(e(b.positive()))
          .append(" found, ")
          .append(b.fn()[i])
          .append(" missed; ")
          .append(b.fp()[i])
          .append(' ')
          .append(e(b.negative()))
          .append(" wrongly called ")
          .append(e(b.positive()))
          .append(", ")
          .append(b.tn()[i])
          .append(" right.</p>");
    }
    mistakes(h, r);
    if (!r.findings().isEmpty()) {
      h.append("<h3>Findings</h3>");
      for (Finding f : r.findings()) {
        h.append("<div class=\"finding ")
            .append(f.level().name())
            .append("\"><b>")
            .append(e(f.title()))
            .append("</b> — ")
            .append(e(f.message()));
        if (f.suggestion() != null && !f.suggestion().isBlank()) {
          h.append("<br><i>").append(e(f.suggestion())).append("</i>");
        }
        if (f.fix() != null && !fixes.apply(f.fix()).equals(f.suggestion())) {
          h.append("<br>Change: <code>").append(e(fixes.apply(f.fix()))).append("</code>");
        }
        h.append("</div>");
      }
    }
    for (Report part : r.parts()) {
      h.append("<h3>").append(e(part.title())).append("</h3>");
      report(h, part, fixes);
    }
  }

  private static void mistakes(StringBuilder h, Report r) {
    List<Report.Example> wrong =
        r.examples().stream().filter(x -> x.actual() != x.predicted()).limit(20).toList();
    if (wrong.isEmpty()) {
      return;
    }
    h.append("<h3>Some mistakes</h3><table><tr><th>row</th><th>actual</th><th>predicted</th>")
        .append("<th>confidence</th><th>example</th></tr>");
    for (Report.Example x : wrong) {
      h.append("<tr><td>")
          .append(x.row() + 1)
          .append("</td><td>")
          .append(e(name(r, x.actual())))
          .append("</td><td>")
          .append(e(name(r, x.predicted())))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.0f %%", 100 * x.confidence()))
          .append("</td><td>");
      if (x.picture() != null) {
        h.append("<img alt=\"")
            .append(e(x.source()))
            .append("\" width=\"56\" src=\"")
            .append(png(ChartImages.overlay(x.picture())))
            .append("\"> ");
      }
      h.append(e(x.values().isEmpty() ? x.source() : String.join(", ", x.values())))
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  private static String name(Report r, int k) {
    return k >= 0 && k < r.classNames().size() ? r.classNames().get(k) : Integer.toString(k);
  }

  private static String png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static String num(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4g", d) : "";
  }

  private static String e(String s) {
    return s == null ? "" : escapeHtml4(s);
  }
}
