package dev.blocksmith.editor.app;

import dev.blocksmith.editor.run.RunBackend;
import dev.blocksmith.editor.theme.Themes;
import dev.blocksmith.editor.worker.WorkerClient;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;

/**
 * Opens the editor: theme first, then every component on the EDT; blocks load and the run worker
 * starts in the background so the window never waits for the engine or PyTorch.
 */
public final class EditorLauncher {
  private EditorLauncher() {}

  /** Opens the editor window; returns at once. */
  public static void launch() {
    launch(w -> {});
  }

  /** Opens the editor window and hands it to {@code ready} (on the EDT) once visible. */
  public static void launch(Consumer<MainWindow> ready) {
    launch(
        NodeRegistry::loadInstalled,
        w -> {
          // Installed blocks include plugins: new jars are shown with their hash before they load.
          PluginPrompt.offer(
              w,
              () -> {
                loadBlocks(w, NodeRegistry::loadInstalled);
                w.runs().reloadBlocks();
              });
          ready.accept(w);
        });
  }

  /** Opens the editor with the blocks {@code blocks} returns (called off the EDT). */
  public static void launch(Supplier<NodeRegistry> blocks, Consumer<MainWindow> ready) {
    launch(blocks, WorkerClient::new, ready);
  }

  /**
   * Opens the editor with the blocks {@code blocks} returns (called off the EDT) and runs going to
   * the backend {@code backend} makes (the worker JVM in the app; tests pass a fake).
   */
  public static void launch(
      Supplier<NodeRegistry> blocks, Supplier<RunBackend> backend, Consumer<MainWindow> ready) {
    System.setProperty("flatlaf.uiScale.allowScaleDown", "true");
    SwingUtilities.invokeLater(
        () -> {
          Themes.setup();
          MainWindow w = new MainWindow(backend.get());
          w.show();
          loadBlocks(w, blocks);
          if (!Boolean.getBoolean("blocksmith.noWarmUp")) {
            w.runs().warmUp(); // start the worker JVM now, so the first run does not wait for it
          }
          new Autosaver(w).start();
          ready.accept(w);
        });
  }

  private static void loadBlocks(MainWindow w, Supplier<NodeRegistry> blocks) {
    new SwingWorker<NodeRegistry, Void>() {
      @Override
      protected NodeRegistry doInBackground() {
        // Load chart classes here, not on the EDT when the first metric arrives.
        new org.knowm.xchart.XYChartBuilder().width(10).height(10).build();
        return blocks.get();
      }

      @Override
      protected void done() {
        try {
          w.setRegistry(get());
        } catch (Exception e) {
          w.status.setText("Blocks could not be loaded: " + e.getMessage());
        }
      }
    }.execute();
  }
}
