package dev.blocksmith.editor.gui;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;

/** Small helpers for GUI tests: run on the EDT, wait for a condition, save screenshots. */
final class Gui {
  static final Path SHOTS = Path.of("target", "screenshots");

  private Gui() {}

  static <T> T edt(Callable<T> c) throws Exception {
    AtomicReference<T> out = new AtomicReference<>();
    AtomicReference<Exception> err = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      try {
        out.set(c.call());
      } catch (Exception e) {
        err.set(e);
      }
    });
    if (err.get() != null) {
      throw err.get();
    }
    return out.get();
  }

  static void run(ThrowingRunnable r) throws Exception {
    edt(() -> {
      r.run();
      return null;
    });
  }

  /** Polls {@code cond} on the EDT until it holds, failing after {@code seconds}. */
  static void waitUntil(String what, double seconds, BooleanSupplier cond) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      if (edt(cond::getAsBoolean)) {
        return;
      }
      Thread.onSpinWait();
      Thread.sleep(20); // polling interval, not a fixed wait
    }
    throw new AssertionError("Timed out waiting for: " + what);
  }

  static void shot(Window w, String name) throws Exception {
    Files.createDirectories(SHOTS);
    Rectangle r = edt(w::getBounds);
    new Robot().waitForIdle();
    BufferedImage img = new Robot().createScreenCapture(r);
    ImageIO.write(img, "png", SHOTS.resolve(name + ".png").toFile());
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
