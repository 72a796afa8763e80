package dev.blocksmith.editor.app;

import java.awt.GraphicsEnvironment;

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
    if (args.length == 1 && opensInEditor(args[0]) && hasDisplay()) {
      // "blocksmith graph.json" (or a bundle, a picture, a double-click on a file) opens it.
      EditorLauncher.launch(w -> w.controller.openFile(java.nio.file.Path.of(args[0])));
      return;
    }
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

  private static boolean opensInEditor(String arg) {
    String name = arg.toLowerCase(java.util.Locale.ROOT);
    return (name.endsWith(".json")
            || name.endsWith(".bsmodel")
            || name.endsWith(".blocksmith")
            || name.endsWith(".png"))
        && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(arg));
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

  /** Returns the exit code of a headless command (the engine's CLI never loads Swing or AWT). */
  public static int runHeadless(String[] args) {
    return dev.blocksmith.engine.cli.Cli.execute(args);
  }
}
