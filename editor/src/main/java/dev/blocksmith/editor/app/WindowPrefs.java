package dev.blocksmith.editor.app;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javax.swing.JFrame;

/** Remembers the window's size and position, and the recently opened files. */
public final class WindowPrefs {
  private static final int MAX_RECENT = 8;
  private final Preferences prefs;

  /** Uses the given preferences node (tests pass their own). */
  public WindowPrefs(Preferences prefs) {
    this.prefs = prefs;
  }

  /** Returns the editor's preferences. */
  public static WindowPrefs standard() {
    String node = System.getProperty("blocksmith.prefs", "dev/blocksmith/editor");
    return new WindowPrefs(Preferences.userRoot().node(node));
  }

  /** Restores the remembered bounds (when still on a screen) and tracks later changes. */
  public void track(JFrame frame) {
    Rectangle r =
        new Rectangle(
            prefs.getInt("x", -1),
            prefs.getInt("y", -1),
            prefs.getInt("w", 1280),
            prefs.getInt("h", 800));
    Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
    r.width = Math.min(r.width, screen.width);
    r.height = Math.min(r.height, screen.height);
    frame.setSize(r.width, r.height);
    if (r.x >= 0 && screen.intersects(r)) {
      frame.setLocation(r.x, r.y);
    } else {
      frame.setLocationRelativeTo(null);
    }
    if (prefs.getBoolean("maximized", false)) {
      frame.setExtendedState(JFrame.MAXIMIZED_BOTH);
    }
    frame.addComponentListener(
        new ComponentAdapter() {
          @Override
          public void componentResized(ComponentEvent e) {
            save(frame);
          }

          @Override
          public void componentMoved(ComponentEvent e) {
            save(frame);
          }
        });
  }

  private void save(Window w) {
    JFrame f = (JFrame) w;
    boolean max = (f.getExtendedState() & JFrame.MAXIMIZED_BOTH) != 0;
    prefs.putBoolean("maximized", max);
    if (!max) {
      prefs.putInt("x", w.getX());
      prefs.putInt("y", w.getY());
      prefs.putInt("w", w.getWidth());
      prefs.putInt("h", w.getHeight());
    }
  }

  /** Returns the recently opened files, newest first. */
  public List<String> recent() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < MAX_RECENT; i++) {
      String s = prefs.get("recent" + i, null);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** Puts a file first in the recent list. */
  public void addRecent(String path) {
    List<String> list = recent();
    list.remove(path);
    list.add(0, path);
    for (int i = 0; i < MAX_RECENT; i++) {
      if (i < list.size()) {
        prefs.put("recent" + i, list.get(i));
      } else {
        prefs.remove("recent" + i);
      }
    }
  }
}
