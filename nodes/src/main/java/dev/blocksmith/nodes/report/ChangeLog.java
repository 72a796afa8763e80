package dev.blocksmith.nodes.report;

import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plain-language lines a preparation block writes about what it changed: each goes to the run
 * log at once and is kept for the block's report output, so the editor and the CLI can show it.
 */
public final class ChangeLog {
  private final NodeContext ctx;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Double> metrics = new LinkedHashMap<>();

  /** Creates a change log writing to a node's run log. */
  public ChangeLog(NodeContext ctx) {
    this.ctx = ctx;
  }

  /** Records a change: logs it and keeps it with a short title. */
  public void add(String title, String message) {
    ctx.log(message);
    findings.add(new Finding(Finding.Level.INFO, title, message, ""));
  }

  /** Records a change that deserves attention, with what to do about it. */
  public void warn(String title, String message, String suggestion) {
    ctx.log(message + " " + suggestion);
    findings.add(new Finding(Finding.Level.WARNING, title, message, suggestion));
  }

  /** Records a headline number such as the rows kept. */
  public void metric(String name, double value) {
    metrics.put(name, value);
  }

  /** Returns whether nothing was recorded. */
  public boolean isEmpty() {
    return findings.isEmpty();
  }

  /** Returns the report holding every recorded line, in order. */
  public Report report(String title) {
    return new Report(
        title, "data", metrics, List.of(), null, List.of(), List.of(), findings, List.of());
  }

  /** Returns a number for people: "250,000", "3.14", "0.0021". */
  public static String num(double v) {
    if (Double.isNaN(v)) {
      return "missing";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%,.1f", v);
    }
    return String.format(Locale.ROOT, "%.4g", v)
        .replaceAll("(\\.\\d*?)0+$", "$1")
        .replaceAll("\\.$", "");
  }

  /** Returns "1 row" or "12 rows". */
  public static String count(int n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
