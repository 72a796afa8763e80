package dev.blocksmith.editor.theme;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Color;
import java.awt.Window;
import java.util.prefs.Preferences;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;

/**
 * Light and dark themes. Colours live in {@code FlatLaf.properties}, {@code
 * FlatLightLaf.properties} and {@code FlatDarkLaf.properties} beside this class, never in code.
 */
public final class Themes {
  private static final String KEY = "theme";
  private static final Preferences PREFS = Preferences.userRoot().node("dev/blocksmith/editor");

  private Themes() {}

  /**
   * Installs the remembered theme (or the system's, when none is remembered); call before any UI.
   */
  public static void setup() {
    FlatLaf.registerCustomDefaultsSource("dev.blocksmith.editor.theme");
    String chosen = PREFS.get(KEY, systemPrefersDark() ? "dark" : "light");
    if ("dark".equals(chosen)) {
      FlatDarkLaf.setup();
    } else {
      FlatLightLaf.setup();
    }
  }

  /** Returns whether the dark theme is active. */
  public static boolean isDark() {
    return FlatLaf.isLafDark();
  }

  /** Switches theme, remembers the choice, and repaints every window. */
  public static void setDark(boolean dark) {
    PREFS.put(KEY, dark ? "dark" : "light");
    FlatLaf laf = dark ? new FlatDarkLaf() : new FlatLightLaf();
    try {
      UIManager.setLookAndFeel(laf);
    } catch (javax.swing.UnsupportedLookAndFeelException e) {
      return;
    }
    for (Window w : Window.getWindows()) {
      SwingUtilities.updateComponentTreeUI(w);
    }
  }

  /** Returns a theme colour by key, or {@code fallback} when the theme does not define it. */
  public static Color color(String key, Color fallback) {
    Color c = UIManager.getColor(key);
    return c == null ? fallback : c;
  }

  /** Returns a colour as {@code #rrggbb} for JGraphX styles. */
  public static String hex(Color c) {
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  // GNOME and KDE expose the preference through GTK_THEME; elsewhere we default to light.
  private static boolean systemPrefersDark() {
    String gtk = System.getenv("GTK_THEME");
    return gtk != null && gtk.toLowerCase(java.util.Locale.ROOT).contains("dark");
  }
}
