package dev.blocksmith.editor.app;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;

/**
 * The launcher: with arguments it runs a headless command and exits without touching AWT or Swing;
 * without arguments it opens the editor window (or explains that a display is needed).
 */
public final class Main {
  /** The one line printed when no display is available. */
  public static final String NO_DISPLAY =
      "Blocksmith needs a display for the editor; headless commands: blocksmith run FILE"
          + " | validate FILE | blocks | explain BLOCK";

  private Main() {}

  /** Runs a headless command when given arguments, otherwise opens the editor. */
  public static void main(String[] args) {
    if (args.length > 0) {
      System.exit(runHeadless(args));
      return;
    }
    // GraphicsEnvironment is java.awt but loads no toolkit and opens no display connection.
    if (!hasDisplay()) {
      System.err.println(NO_DISPLAY);
      System.exit(1);
      return;
    }
    EditorLauncher.launch();
  }

  /** Returns whether a window can be opened (not headless and, on Linux/BSD, a display is set). */
  public static boolean hasDisplay() {
    if (GraphicsEnvironment.isHeadless()) {
      return false;
    }
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (os.contains("win") || os.contains("mac")) {
      return true;
    }
    String x = System.getenv("DISPLAY");
    String wl = System.getenv("WAYLAND_DISPLAY");
    return x != null && !x.isBlank() || wl != null && !wl.isBlank();
  }

  /**
   * Returns the exit code of a headless command. The CLI is looked up by name so that this class
   * never links Swing and works before the engine's CLI is present in a build.
   */
  static int runHeadless(String[] args) {
    try {
      Class<?> cli = Class.forName("dev.blocksmith.engine.cli.Cli");
      Object code = cli.getMethod("execute", String[].class).invoke(null, (Object) args);
      return (Integer) code;
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      System.err.println("This build of Blocksmith has no headless commands yet.");
      return 2;
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      System.err.println("Blocksmith stopped: " + cause);
      return 1;
    } catch (IllegalAccessException e) {
      System.err.println("Blocksmith could not start its command line: " + e.getMessage());
      return 1;
    }
  }
}
