package dev.blocksmith.editor.app;

import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.registry.PluginJars;
import dev.blocksmith.engine.registry.PluginTrust;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingWorker;

/**
 * Before a plugin runs for the first time, tells the user that a plugin is a program and shows the
 * SHA-256 of each new jar; only jars the user trusts are loaded (see {@link PluginTrust}).
 */
final class PluginPrompt {
  private PluginPrompt() {}

  /** Looks for untrusted plugin jars off the EDT and, if there are any, asks about them. */
  static void offer(MainWindow w, Runnable reload) {
    Path dir = NodeRegistry.pluginsFolder();
    new SwingWorker<List<PluginJars.Jar>, Void>() {
      @Override
      protected List<PluginJars.Jar> doInBackground() throws Exception {
        List<PluginJars.Jar> untrusted = new ArrayList<>();
        for (PluginJars.Jar j : PluginJars.find(dir)) {
          if (!PluginTrust.isTrusted(dir, j)) {
            untrusted.add(j);
          }
        }
        return untrusted;
      }

      @Override
      protected void done() {
        try {
          List<PluginJars.Jar> jars = get();
          if (!jars.isEmpty() && ask(w, dir, jars)) {
            trust(w, dir, jars, reload);
          }
        } catch (Exception e) {
          w.status.setText("The plugins folder could not be read: " + e.getMessage());
        }
      }
    }.execute();
  }

  private static boolean ask(MainWindow w, Path dir, List<PluginJars.Jar> jars) {
    StringBuilder sb =
        new StringBuilder("Blocksmith found plugins in ")
            .append(dir)
            .append(" that you have not trusted yet.\n\nA plugin is a program: it runs with your")
            .append(
                " rights and can read your files. Only trust it if you know where it came from.")
            .append(" Compare the fingerprints (SHA-256) with the ones its author published:\n\n");
    for (PluginJars.Jar j : jars) {
      sb.append(j.path().getFileName()).append("\n  ").append(j.sha256()).append("\n\n");
    }
    JTextArea text = new JTextArea(sb.toString(), 12, 60);
    text.setEditable(false);
    text.setLineWrap(true);
    text.setWrapStyleWord(true);
    Object[] options = {"Trust and load", "Not now"};
    int choice =
        JOptionPane.showOptionDialog(
            w.frame,
            new JScrollPane(text),
            "Trust these plugins?",
            JOptionPane.DEFAULT_OPTION,
            JOptionPane.WARNING_MESSAGE,
            null,
            options,
            options[1]);
    return choice == 0;
  }

  private static void trust(MainWindow w, Path dir, List<PluginJars.Jar> jars, Runnable reload) {
    new SwingWorker<Void, Void>() {
      @Override
      protected Void doInBackground() throws Exception {
        for (PluginJars.Jar j : jars) {
          PluginTrust.trust(dir, j);
        }
        return null;
      }

      @Override
      protected void done() {
        try {
          get();
          reload.run();
        } catch (Exception e) {
          w.status.setText("The plugins could not be trusted: " + e.getMessage());
        }
      }
    }.execute();
  }
}
