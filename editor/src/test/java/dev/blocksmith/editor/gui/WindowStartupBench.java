package dev.blocksmith.editor.gui;

import dev.blocksmith.editor.app.EditorLauncher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Measures the time from JVM start and from launch call to a visible editor window. */
public final class WindowStartupBench {
  private WindowStartupBench() {}

  /** Prints the two times in milliseconds and exits. */
  public static void main(String[] args) throws Exception {
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    long t0 = System.nanoTime();
    CompletableFuture<Long> visible = new CompletableFuture<>();
    EditorLauncher.launch(TestBlocks::registry, w -> visible.complete(System.nanoTime()));
    long t1 = visible.get(60, TimeUnit.SECONDS);
    System.out.printf("window visible: %d ms after launch(), %d ms after JVM start%n",
        (t1 - t0) / 1_000_000, System.currentTimeMillis() - jvmStart);
    System.exit(0);
  }
}
