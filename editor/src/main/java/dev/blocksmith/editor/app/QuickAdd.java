package dev.blocksmith.editor.app;

import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.awt.Dimension;
import java.awt.Point;
import javax.swing.JPopupMenu;
import javax.swing.SwingUtilities;

/** The quick-add box: a small searchable block list that pops up where the user asked for it. */
final class QuickAdd {
  private QuickAdd() {}

  static void show(CanvasView canvas, NodeRegistry registry, Point at) {
    JPopupMenu popup = new JPopupMenu();
    popup.setName("quickAdd");
    BlockPicker picker =
        new BlockPicker(
            id -> {
              popup.setVisible(false);
              canvas.addBlock(id, at);
            },
            false);
    picker.setRegistry(registry);
    picker.setPreferredSize(new Dimension(280, 320));
    popup.add(picker);
    var owner = canvas.component();
    Point p =
        SwingUtilities.convertPoint(
            ((com.mxgraph.swing.mxGraphComponent) owner).getGraphControl(), at, owner);
    popup.show(owner, p.x, p.y);
    SwingUtilities.invokeLater(() -> picker.searchField().requestFocusInWindow());
  }
}
