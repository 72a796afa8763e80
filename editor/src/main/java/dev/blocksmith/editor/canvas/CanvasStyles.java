package dev.blocksmith.editor.canvas;

import dev.blocksmith.editor.theme.Themes;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.PortType;
import java.awt.Color;
import java.util.Locale;

/** JGraphX style strings for cards, ports, notes and edges, from the theme's colours. */
final class CanvasStyles {
  static final int CARD_WIDTH = 190;
  static final int HEADER = 26;
  static final int ROW = 20;
  static final int FOOTER = 26;
  static final int PORT = 12;

  private CanvasStyles() {}

  static Color categoryColor(Category c) {
    return Themes.color(
        "Blocksmith.category." + (c == null ? "output" : c.name().toLowerCase(Locale.ROOT)),
        Color.GRAY);
  }

  static Color portColor(PortType t) {
    Color c = UIColors.get("Blocksmith.port." + t.id());
    return c != null ? c : Themes.color("Blocksmith.port.other", Color.GRAY);
  }

  static Color statusColor(NodeStatus s) {
    return Themes.color(
        "Blocksmith.status." + s.name().toLowerCase(Locale.ROOT),
        Themes.color("Blocksmith.card.border", Color.GRAY));
  }

  static int cardHeight(int inputs, int outputs) {
    return HEADER + Math.max(1, Math.max(inputs, outputs)) * ROW + 8 + FOOTER;
  }

  static String card(Category c, CardState state, boolean unknown) {
    String border = hex("Blocksmith.card.border");
    double width = 1.2;
    if (state.problem() != null || state.status() == NodeStatus.FAILED) {
      border = hex("Blocksmith.problem");
      width = 3;
    } else if (state.status() != NodeStatus.IDLE) {
      border = Themes.hex(statusColor(state.status()));
      width = 2.5;
    }
    return "shape=swimlane;startSize="
        + HEADER
        + ";horizontal=1;rounded=1;arcSize=8;"
        + "fillColor="
        + (unknown ? "#888888" : Themes.hex(categoryColor(c)))
        + ";"
        + "swimlaneFillColor="
        + hex("Blocksmith.card.background")
        + ";"
        + "strokeColor="
        + border
        + ";strokeWidth="
        + width
        + ";"
        + "fontColor=#ffffff;fontStyle=1;fontSize=13;align=center;verticalAlign=top;spacingTop=3;"
        + "shadow=1;foldable=0;resizable=0;";
  }

  static String port(PortType t, boolean input) {
    String shape =
        switch (t.id()) {
          case "model" -> "rhombus";
          case "report" -> "hexagon";
          case "images" -> "rectangle";
          default -> "ellipse";
        };
    return "shape="
        + shape
        + ";perimeter="
        + (shape.equals("rhombus") ? "rhombusPerimeter" : "ellipsePerimeter")
        + ";fillColor="
        + Themes.hex(portColor(t))
        + ";"
        + "strokeColor="
        + hex("Blocksmith.card.background")
        + ";strokeWidth=1.5;"
        + "fontSize=11;fontColor="
        + hex("Blocksmith.card.text")
        + ";"
        + (input
            ? "labelPosition=right;align=left;spacingLeft=4;"
            : "labelPosition=left;align=right;spacingRight=4;")
        + "verticalLabelPosition=middle;verticalAlign=middle;movable=0;resizable=0;";
  }

  static String info(CardState state) {
    Color c =
        state.status() == NodeStatus.IDLE
            ? Themes.color("Blocksmith.card.muted", Color.GRAY)
            : statusColor(state.status());
    return "text;html=0;align=left;verticalAlign=middle;spacingLeft=8;fontSize=11;"
        + "fontColor="
        + Themes.hex(c)
        + ";strokeColor=none;fillColor=none;movable=0;"
        + "resizable=0;whiteSpace=nowrap;overflow=hidden;";
  }

  static String bar(NodeStatus s) {
    return "shape=rectangle;fillColor="
        + Themes.hex(statusColor(s))
        + ";strokeColor=none;movable=0;resizable=0;";
  }

  static String note() {
    return "shape=rectangle;rounded=0;fillColor="
        + hex("Blocksmith.note.background")
        + ";strokeColor="
        + hex("Blocksmith.note.border")
        + ";fontColor="
        + hex("Blocksmith.card.text")
        + ";align=left;verticalAlign=top;spacing=8;whiteSpace=wrap;"
        + "fontSize=12;shadow=1;";
  }

  static String edge(PortType t) {
    return "edgeStyle=entityRelationEdgeStyle;endArrow=block;endSize=5;rounded=1;strokeWidth=2;"
        + "strokeColor="
        + Themes.hex(portColor(t))
        + ";";
  }

  private static String hex(String key) {
    return Themes.hex(Themes.color(key, Color.GRAY));
  }

  /** Reads optional colours without a fallback. */
  private static final class UIColors {
    static Color get(String key) {
      return javax.swing.UIManager.getColor(key);
    }
  }
}
