package dev.blocksmith.editor.canvas;

import dev.blocksmith.editor.theme.PlainText;
import java.awt.Color;
import java.awt.Point;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.Popup;
import javax.swing.PopupFactory;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/** A short message shown over the canvas for a few seconds, like a tooltip that needs no hover. */
final class Toast {
  private final JComponent owner;
  private Popup popup;
  private String last = "";
  private final Timer hide = new Timer(4500, e -> close());

  Toast(JComponent owner) {
    this.owner = owner;
    hide.setRepeats(false);
  }

  void show(String message) {
    last = message;
    close();
    if (!owner.isShowing()) {
      return;
    }
    JLabel label =
        new JLabel("<html><div style='width:320px'>" + PlainText.escape(message) + "</div></html>");
    label.setName("toast");
    label.setOpaque(true);
    label.setBackground(new Color(0x33, 0x33, 0x33));
    label.setForeground(Color.WHITE);
    label.setBorder(BorderFactory.createEmptyBorder(8, 12, 8, 12));
    Point p = owner.getMousePosition();
    if (p == null) {
      p = new Point(owner.getWidth() / 2 - 170, 20);
    } else {
      p = new Point(p.x + 16, p.y + 16);
    }
    SwingUtilities.convertPointToScreen(p, owner);
    popup = PopupFactory.getSharedInstance().getPopup(owner, label, p.x, p.y);
    popup.show();
    hide.restart();
  }

  String last() {
    return last;
  }

  private void close() {
    if (popup != null) {
      popup.hide();
      popup = null;
    }
  }
}
