package dev.blocksmith.editor.app;

import dev.blocksmith.editor.lesson.Lesson;
import dev.blocksmith.editor.share.GraphPicture;
import dev.blocksmith.editor.share.ShareDialog;
import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.engine.bundle.BundleImport;
import dev.blocksmith.engine.bundle.BundleRefusedException;
import dev.blocksmith.engine.bundle.PipelineBundle;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.io.File;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.ProgressMonitor;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;

/**
 * Sharing in the editor: Share as bundle (the dialog, then the zip written off the EDT with
 * progress), opening a bundle (extracted safely into its own new folder), opening a picture that
 * holds a pipeline (as a new unsaved pipeline from someone else), and copying the whole pipeline as
 * JSON text. Used on the EDT.
 */
final class Sharing {
  /** Title of the dialog that shows why a bundle was refused. */
  static final String REFUSED_TITLE = "This bundle was not opened";

  private final MainWindow w;

  Sharing(MainWindow w) {
    this.w = w;
  }

  /** Returns whether {@code file} is a pipeline bundle. */
  static boolean isBundle(Path file) {
    return file.getFileName()
        .toString()
        .toLowerCase(Locale.ROOT)
        .endsWith(PipelineBundle.EXTENSION);
  }

  /** Returns whether {@code file} is a PNG picture (which may hold a pipeline). */
  static boolean isPicture(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
  }

  /** File ▸ Share as bundle…: shows what goes in, asks where to save, then writes. */
  void shareBundle() {
    Path suggested = baseDir().resolve(stem() + PipelineBundle.EXTENSION);
    prepare(
        suggested,
        (contents, options) -> {
          JFileChooser fc = new JFileChooser(baseDir().toFile());
          fc.setSelectedFile(suggested.toFile());
          if (fc.showSaveDialog(w.frame) != JFileChooser.APPROVE_OPTION) {
            return;
          }
          File f = fc.getSelectedFile();
          Path out = isBundle(f.toPath()) ? f.toPath() : Path.of(f + PipelineBundle.EXTENSION);
          write(options, out.toAbsolutePath());
        });
  }

  /** Shows the Share as bundle dialog and writes the bundle to {@code out} (no file chooser). */
  void shareBundleTo(Path out) {
    prepare(out, (contents, options) -> write(options, out.toAbsolutePath()));
  }

  private interface Chosen {
    void accept(ShareDialog.Contents contents, PipelineBundle.Options options);
  }

  /** Works out the contents off the EDT, then shows the dialog and hands on the choice. */
  private void prepare(Path out, Chosen then) {
    Graph g = w.doc.graph();
    if (g.nodes().isEmpty()) {
      w.status.setText("The pipeline is empty: add some blocks before sharing it.");
      return;
    }
    Path base = baseDir();
    String graphName = graphName();
    NodeRegistry registry = w.canvas.registry();
    String lesson = Lesson.of(g).map(Lesson::title).orElse(null);
    w.status.setText("Looking at the files the pipeline reads…");
    new SwingWorker<ShareDialog.Contents, Void>() {
      @Override
      protected ShareDialog.Contents doInBackground() throws Exception {
        long limit = PipelineBundle.DEFAULT_DATA_LIMIT;
        return new ShareDialog.Contents(
            out.getFileName().toString(),
            graphName,
            g.nodes().size(),
            PipelineBundle.plan(
                g, graphName, base, registry, new PipelineBundle.Options(limit, true, true)),
            PipelineBundle.plan(
                g, graphName, base, registry, new PipelineBundle.Options(limit, false, true)),
            lesson,
            limit);
      }

      @Override
      protected void done() {
        ShareDialog.Contents contents;
        try {
          contents = get();
        } catch (Exception e) {
          Throwable c = e.getCause() != null ? e.getCause() : e;
          w.status.setText("The pipeline's files could not be read: " + c.getMessage());
          return;
        }
        w.status.setText(" ");
        ShareDialog.ask(w.frame, contents).ifPresent(o -> then.accept(contents, o));
      }
    }.execute();
  }

  /** Writes the bundle off the EDT; a progress window appears when it takes a while. */
  private void write(PipelineBundle.Options options, Path out) {
    Graph g = w.doc.graph();
    Path base = baseDir();
    String graphName = graphName();
    NodeRegistry registry = w.canvas.registry();
    ProgressMonitor monitor =
        new ProgressMonitor(w.frame, "Writing " + out.getFileName(), "", 0, 1000);
    monitor.setMillisToDecideToPopup(300);
    AtomicBoolean cancelled = new AtomicBoolean();
    w.status.setText("Writing " + out.getFileName() + "…");
    new SwingWorker<PipelineBundle.Result, Void>() {
      @Override
      protected PipelineBundle.Result doInBackground() throws Exception {
        return PipelineBundle.write(
            g,
            graphName,
            base,
            registry,
            options,
            out,
            (done, total) -> {
              if (cancelled.get()) {
                throw new InterruptedIOException("cancelled");
              }
              int permille = total <= 0 ? 1000 : (int) (done * 1000 / total);
              SwingUtilities.invokeLater(
                  () -> {
                    monitor.setProgress(permille);
                    cancelled.set(monitor.isCanceled());
                  });
            });
      }

      @Override
      protected void done() {
        monitor.close();
        try {
          PipelineBundle.Result r = get();
          String msg =
              "Saved bundle "
                  + out.getFileName()
                  + " ("
                  + r.included().size()
                  + (r.included().size() == 1 ? " file" : " files")
                  + " inside"
                  + (r.references().isEmpty()
                      ? ")"
                      : "; " + r.references().size() + " left behind as references)");
          w.canvas.toast(msg);
        } catch (Exception e) {
          Throwable c = e.getCause() != null ? e.getCause() : e;
          w.status.setText(
              c instanceof InterruptedIOException
                  ? "Share as bundle cancelled; nothing was written."
                  : "The bundle could not be saved: " + c.getMessage());
        }
      }
    }.execute();
  }

  /**
   * Extracts a bundle into its own new folder (beside it, or under the documents folder when that
   * is not writable) off the EDT and opens its pipeline from there; a refusal is shown in a dialog.
   */
  void openBundle(Path bundle) {
    w.status.setText("Opening bundle " + bundle.getFileName() + "…");
    record Loaded(BundleImport.Opened opened, Graph graph) {}
    new SwingWorker<Loaded, Void>() {
      @Override
      protected Loaded doInBackground() throws Exception {
        BundleImport.Opened o =
            BundleImport.open(bundle, importParent(bundle), BundleImport.Limits.DEFAULTS);
        return new Loaded(o, GraphJson.read(o.graph()));
      }

      @Override
      protected void done() {
        Loaded l;
        try {
          l = get();
        } catch (Exception e) {
          Throwable c = e.getCause() != null ? e.getCause() : e;
          w.status.setText("The bundle " + bundle.getFileName() + " was not opened.");
          JOptionPane.showMessageDialog(
              w.frame,
              PlainText.message(c.getMessage()),
              c instanceof BundleRefusedException
                  ? REFUSED_TITLE
                  : "This bundle could not be opened",
              JOptionPane.ERROR_MESSAGE);
          return;
        }
        Path graph = l.opened().graph().toAbsolutePath();
        w.doc.reset(l.graph(), graph, false);
        w.runs.forgetResults();
        w.prefs.addRecent(graph.toString());
        w.showPage(true);
        SwingUtilities.invokeLater(w.canvas::zoomToFitReadable);
        w.status.setText(
            (l.opened().reused() ? "Opened again from " : "Opened the bundle into ")
                + l.opened().folder());
        if (!l.opened().notes().isEmpty()) {
          JOptionPane.showMessageDialog(
              w.frame,
              PlainText.message(
                  "The bundle left some files behind; ask the sender for them:\n\n"
                      + String.join("\n\n", l.opened().notes())),
              "Files not in the bundle",
              JOptionPane.INFORMATION_MESSAGE);
        }
      }
    }.execute();
  }

  /** Opens the pipeline stored in a picture as a new, unsaved pipeline from someone else. */
  void openPicture(Path picture) {
    w.status.setText("Opening the pipeline in " + picture.getFileName() + "…");
    new SwingWorker<Graph, Void>() {
      @Override
      protected Graph doInBackground() throws Exception {
        return GraphPicture.readGraph(picture);
      }

      @Override
      protected void done() {
        try {
          Graph g = get();
          w.doc.resetForeign(g, picture);
          w.runs.forgetResults();
          w.showPage(true);
          SwingUtilities.invokeLater(w.canvas::zoomToFitReadable);
          w.status.setText(
              "Opened the pipeline stored in "
                  + picture.getFileName()
                  + "; save it under a name of your choice.");
        } catch (Exception e) {
          Throwable c = e.getCause() != null ? e.getCause() : e;
          w.status.setText("No pipeline opened from " + picture.getFileName() + ".");
          JOptionPane.showMessageDialog(
              w.frame,
              PlainText.message(c.getMessage()),
              "This picture could not be opened",
              JOptionPane.ERROR_MESSAGE);
        }
      }
    }.execute();
  }

  /** Edit ▸ Copy pipeline as text: the whole graph's JSON as plain text on the clipboard. */
  void copyPipelineText() {
    Graph g = w.doc.graph();
    if (g.nodes().isEmpty()) {
      w.status.setText("The pipeline is empty: nothing to copy.");
      return;
    }
    Toolkit.getDefaultToolkit()
        .getSystemClipboard()
        .setContents(new StringSelection(GraphJson.write(g)), null);
    w.status.setText(
        "Copied the whole pipeline as text ("
            + g.nodes().size()
            + " blocks): paste it into another Blocksmith window, a chat or an e-mail.");
  }

  /**
   * Returns the folder a bundle is extracted under: the bundle's own folder when writable, else
   * "Blocksmith bundles" in the user's documents folder (or home folder when there is none).
   */
  static Path importParent(Path bundle) {
    Path dir = bundle.toAbsolutePath().getParent();
    if (dir != null && Files.isWritable(dir)) {
      return dir;
    }
    Path home = Path.of(System.getProperty("user.home"));
    Path docs = home.resolve("Documents");
    return (Files.isDirectory(docs) ? docs : home).resolve("Blocksmith bundles");
  }

  private Path baseDir() {
    return w.doc.file() == null
        ? Path.of("").toAbsolutePath()
        : w.doc.file().toAbsolutePath().getParent();
  }

  private String stem() {
    if (w.doc.file() != null) {
      return w.doc.file().getFileName().toString().replaceFirst("(?i)\\.json$", "");
    }
    String s = w.doc.graph().name().replaceAll("[^A-Za-z0-9 _-]", "").trim();
    return s.isEmpty() ? "pipeline" : s;
  }

  private String graphName() {
    return stem() + ".json";
  }
}
