package dev.blocksmith.editor.app;

import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.graph.GraphJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.swing.JOptionPane;
import javax.swing.Timer;

/**
 * Autosaves unsaved changes every minute to {@code ~/.blocksmith/autosave/<pid>.json} beside a
 * {@code <pid>.lock} marker naming the original file. A clean exit removes both; on the next start
 * a copy whose process is gone is offered for recovery. The original file is never written.
 */
public final class Autosaver {
  /** Milliseconds between autosaves. */
  public static final int PERIOD_MS = Integer.getInteger("blocksmith.autosaveMillis", 60_000);

  private static final ExecutorService IO =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "autosave");
            t.setDaemon(true);
            return t;
          });
  private final MainWindow w;
  private Graph lastWritten;

  Autosaver(MainWindow w) {
    this.w = w;
  }

  /** An autosaved copy left by an editor that did not exit cleanly. */
  public record Orphan(Path json, Path lock, String original) {}

  /** Starts the timer and offers any orphaned copy for recovery. */
  void start() {
    Timer t = new Timer(PERIOD_MS, e -> tick());
    t.start();
    IO.submit(
        () -> {
          List<Orphan> orphans = findOrphans(Home.autosaveDir());
          if (!orphans.isEmpty()) {
            javax.swing.SwingUtilities.invokeLater(() -> offer(orphans.get(0)));
          }
        });
  }

  /** Writes the current graph now when it has unsaved changes (on the EDT; the write is async). */
  public void tick() {
    Graph g = w.doc.graph();
    if (!w.doc.isModified() || g.equals(lastWritten)) {
      return;
    }
    lastWritten = g;
    String json = GraphJson.write(g);
    String original = w.doc.file() == null ? "" : w.doc.file().toString();
    IO.submit(() -> write(Home.autosaveDir(), json, original));
  }

  /** Writes one autosave and its lock marker for this process. */
  static void write(Path dir, String json, String original) {
    long pid = ProcessHandle.current().pid();
    try {
      // The marker first: a copy is only offered with its marker, so a kill between the two
      // writes must leave the marker, never a copy without one.
      GraphFiles.writeAtomically(
          dir.resolve(pid + ".lock"), original.getBytes(StandardCharsets.UTF_8), false);
      GraphFiles.writeAtomically(
          dir.resolve(pid + ".json"), json.getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      System.err.println("Autosave failed: " + e.getMessage());
    }
  }

  /** Returns the autosaved copies in {@code dir} whose editor process has ended. */
  public static List<Orphan> findOrphans(Path dir) {
    List<Orphan> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path lock : files.filter(p -> p.toString().endsWith(".lock")).toList()) {
        String name = lock.getFileName().toString();
        String pidText = name.substring(0, name.length() - ".lock".length());
        Path json = dir.resolve(pidText + ".json");
        long pid;
        try {
          pid = Long.parseLong(pidText);
        } catch (NumberFormatException e) {
          continue;
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive && Files.exists(json)) {
          out.add(new Orphan(json, lock, Files.readString(lock)));
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  private void offer(Orphan o) {
    String what =
        o.original().isBlank()
            ? "an unsaved pipeline"
            : Path.of(o.original()).getFileName().toString();
    int answer =
        JOptionPane.showConfirmDialog(
            w.frame,
            PlainText.message(
                "Blocksmith closed unexpectedly while you were editing "
                    + what
                    + ".\n"
                    + "Recover the automatically saved copy? (The original file is not changed.)"),
            "Recover unsaved changes",
            JOptionPane.YES_NO_OPTION);
    try {
      if (answer == JOptionPane.YES_OPTION) {
        w.controller.openRecovered(GraphJson.read(o.json()));
      }
      Files.deleteIfExists(o.json());
      Files.deleteIfExists(o.lock());
    } catch (Exception e) {
      w.status.setText("The autosaved copy could not be read: " + e.getMessage());
    }
  }

  /** Removes this process's autosave on a clean exit. */
  static void cleanExit() {
    long pid = ProcessHandle.current().pid();
    try {
      Files.deleteIfExists(Home.autosaveDir().resolve(pid + ".json"));
      Files.deleteIfExists(Home.autosaveDir().resolve(pid + ".lock"));
    } catch (IOException e) {
      // nothing to clean
    }
  }
}
