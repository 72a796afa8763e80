package dev.blocksmith.editor.gui;

import dev.blocksmith.editor.app.EditorLauncher;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;

/**
 * One measurement of editor startup, in a fresh JVM: the real launcher with the real blocks, from
 * JVM start to the window being opened on screen ({@code windowOpened}), and to the blocks being
 * ready in the palette. The deep-learning engine never loads in this JVM (it lives in the worker).
 * {@code bench/run-editor-startup} runs it several times and prints the median.
 */
public final class WindowStartupBench {
  private WindowStartupBench() {}

  /** Prints {@code window_ms=… blocks_ms=… engine_in_editor=…} and exits. */
  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    CompletableFuture<Long> opened = new CompletableFuture<>();
    CompletableFuture<Long> blocks = new CompletableFuture<>();
    EditorLauncher.launch(
        w -> {
          JFrame f = w.frame();
          if (f.isShowing()) {
            opened.complete(System.currentTimeMillis());
          }
          f.addWindowListener(
              new WindowAdapter() {
                @Override
                public void windowOpened(WindowEvent e) {
                  opened.complete(System.currentTimeMillis());
                }
              });
          javax.swing.Timer poll = new javax.swing.Timer(5, null);
          poll.addActionListener(
              e -> {
                if (w.canvas().registry().find("train.train").isPresent()) {
                  poll.stop();
                  blocks.complete(System.currentTimeMillis());
                }
              });
          poll.start();
        });
    long window = opened.get(60, TimeUnit.SECONDS) - jvmStart;
    long ready = blocks.get(60, TimeUnit.SECONDS) - jvmStart;
    boolean engine = isLoaded("ai.djl.engine.Engine") || isLoaded("ai.djl.pytorch.engine.PtEngine");
    System.out.printf("window_ms=%d blocks_ms=%d engine_in_editor=%b%n", window, ready, engine);
    System.exit(0);
  }

  /** Returns whether a class was loaded by the application class loader (without loading it). */
  private static boolean isLoaded(String name) {
    try {
      var m = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
      m.setAccessible(true);
      return m.invoke(ClassLoader.getSystemClassLoader(), name) != null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
