package dev.blocksmith.nodes.report;

import static org.apache.commons.text.StringEscapeUtils.escapeXml10;

import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.Position;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The pipeline as an SVG picture: one box per block at its canvas position (or in layers by depth
 * when the file has no layout), coloured by how it ended, and a line per connection.
 */
final class PipelineSvg {
  private static final int W = 150;
  private static final int H = 44;

  private PipelineSvg() {}

  /** Returns the SVG element. */
  static String of(Graph g, NodeRegistry registry, Map<String, NodeStatus> statuses) {
    Map<String, double[]> at = positions(g);
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = 0;
    double maxY = 0;
    for (double[] p : at.values()) {
      minX = Math.min(minX, p[0]);
      minY = Math.min(minY, p[1]);
      maxX = Math.max(maxX, p[0]);
      maxY = Math.max(maxY, p[1]);
    }
    if (at.isEmpty()) {
      minX = 0;
      minY = 0;
    }
    double width = maxX - minX + W + 20;
    double height = maxY - minY + H + 20;
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg "
                + "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" class=\"pipeline\" role=\"img\" "
                + "aria-label=\"The pipeline\">",
            width,
            height,
            Math.min(width, 1100)));
    for (Edge e : g.edges()) {
      double[] a = at.get(e.from().node());
      double[] b = at.get(e.to().node());
      if (a == null || b == null) {
        continue;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" "
                  + "y2=\"%.0f\" stroke=\"#8a94a6\" stroke-width=\"2\"/>",
              a[0] - minX + 10 + W,
              a[1] - minY + 10 + H / 2.0,
              b[0] - minX + 10,
              b[1] - minY + 10 + H / 2.0));
    }
    for (Node n : g.nodes()) {
      double[] p = at.get(n.id());
      String name =
          n.label() != null && !n.label().isBlank()
              ? n.label()
              : registry.find(n.type()).map(t -> t.spec().displayName()).orElse(n.type());
      NodeStatus s = statuses.get(n.id());
      String fill =
          s == null
              ? "#eef0f4"
              : switch (s) {
                case DONE, CACHED -> "#e3f4e8";
                case FAILED, DIVERGED -> "#fbe3e3";
                default -> "#f4f0e3";
              };
      double x = p[0] - minX + 10;
      double y = p[1] - minY + 10;
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.0f\" y=\"%.0f\" width=\"%d\" "
                  + "height=\"%d\" rx=\"8\" fill=\"%s\" stroke=\"#5b6577\"/>",
              x,
              y,
              W,
              H,
              fill));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.0f\" y=\"%.0f\" font-size=\"13\" " + "font-weight=\"bold\">%s</text>",
              x + 8,
              y + 18,
              escapeXml10(shorten(name))));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" " + "fill=\"#5b6577\">%s</text>",
              x + 8,
              y + 35,
              escapeXml10(shorten(n.id()))));
    }
    return sb.append("</svg>").toString();
  }

  private static Map<String, double[]> positions(Graph g) {
    Map<String, double[]> at = new HashMap<>();
    Map<String, Position> saved = g.layout().positions();
    if (g.nodes().stream().allMatch(n -> saved.containsKey(n.id()))) {
      for (Node n : g.nodes()) {
        Position p = saved.get(n.id());
        at.put(n.id(), new double[] {p.x() * 0.9, p.y() * 0.9});
      }
      return at;
    }
    Map<String, Integer> depth = new HashMap<>();
    for (int pass = 0; pass < g.nodes().size(); pass++) {
      for (Edge e : g.edges()) {
        int d = depth.getOrDefault(e.from().node(), 0) + 1;
        if (d > depth.getOrDefault(e.to().node(), 0) && d <= g.nodes().size()) {
          depth.put(e.to().node(), d);
        }
      }
    }
    Map<Integer, Integer> inLayer = new HashMap<>();
    for (Node n : g.nodes()) {
      int d = depth.getOrDefault(n.id(), 0);
      int k = inLayer.merge(d, 1, Integer::sum) - 1;
      at.put(n.id(), new double[] {d * (W + 50), k * (H + 30)});
    }
    return at;
  }

  private static String shorten(String s) {
    return s.length() <= 20 ? s : s.substring(0, 19) + "…";
  }
}
