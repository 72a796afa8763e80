package dev.blocksmith.editor.app;

import dev.blocksmith.editor.action.Commands;
import dev.blocksmith.editor.canvas.GraphChanges;
import dev.blocksmith.editor.share.GraphPicture;
import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.editor.theme.Themes;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.graph.GraphJson;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.SwingWorker;
import javax.swing.filechooser.FileNameExtensionFilter;

/** What the menus and shortcuts do: files, editing, view and runs. Used on the EDT. */
public final class EditorController implements Commands {
  private final MainWindow w;
  private final Sharing sharing;

  EditorController(MainWindow w) {
    this.w = w;
    this.sharing = new Sharing(w);
  }

  @Override
  public void newPipeline() {
    if (confirmDiscard()) {
      w.doc.reset(Graph.EMPTY, null, false);
      w.runs.forgetResults();
      w.showPage(true);
    }
  }

  @Override
  public void open() {
    JFileChooser fc = chooser();
    fc.setFileFilter(
        new FileNameExtensionFilter(
            "Blocksmith pipelines, bundles, pictures and models (*.json, *.blocksmith, *.png,"
                + " *.bsmodel)",
            "json",
            "blocksmith",
            "png",
            "bsmodel"));
    if (confirmDiscard() && fc.showOpenDialog(w.frame) == JFileChooser.APPROVE_OPTION) {
      openFile(fc.getSelectedFile().toPath());
    }
  }

  /**
   * Opens a file in the background and shows it (asking about unsaved changes first): a pipeline, a
   * model's recipe, a bundle (extracted into its own folder) or a picture holding a pipeline.
   */
  public void openFile(Path file) {
    if (!confirmDiscard()) {
      return;
    }
    if (Sharing.isBundle(file)) {
      sharing.openBundle(file);
      return;
    }
    if (Sharing.isPicture(file)) {
      sharing.openPicture(file);
      return;
    }
    w.status.setText("Opening " + file.getFileName() + "…");
    new SwingWorker<Graph, Void>() {
      @Override
      protected Graph doInBackground() throws Exception {
        return ModelRecipe.isModel(file) ? ModelRecipe.read(file) : GraphJson.read(file);
      }

      @Override
      protected void done() {
        try {
          Graph g = get();
          if (ModelRecipe.isModel(file)) {
            // A model's recipe opens as a new pipeline: saving must never write over the model.
            w.doc.reset(
                g.withTitle(g.name() + " (recipe of " + file.getFileName() + ")", g.description()),
                null,
                true);
            w.showPage(true);
            javax.swing.SwingUtilities.invokeLater(w.canvas::zoomToFitReadable);
            w.status.setText(
                "Opened the pipeline that made "
                    + file.getFileName()
                    + "; save it under a name of your choice.");
            return;
          }
          w.doc.reset(g, file.toAbsolutePath(), false);
          w.runs.forgetResults();
          w.runs.prefetch(file.toAbsolutePath()); // the worker reads its cached results meanwhile
          w.prefs.addRecent(file.toAbsolutePath().toString());
          w.showPage(true);
          // after the page switch is laid out, so the fit uses the canvas's real size
          javax.swing.SwingUtilities.invokeLater(w.canvas::zoomToFitReadable);
          w.status.setText("Opened " + file.getFileName());
        } catch (Exception e) {
          Throwable c = e.getCause() != null ? e.getCause() : e;
          JOptionPane.showMessageDialog(
              w.frame,
              PlainText.message(c.getMessage()),
              "This file could not be opened",
              JOptionPane.ERROR_MESSAGE);
        }
      }
    }.execute();
  }

  /** Shows a recovered graph as a new, unsaved pipeline (the original file is never touched). */
  public void openRecovered(Graph g) {
    w.doc.reset(g.withTitle(g.name() + " (recovered)", g.description()), null, true);
    w.showPage(true);
    javax.swing.SwingUtilities.invokeLater(w.canvas::zoomToFitReadable);
    w.status.setText("Recovered unsaved changes; save them under a name of your choice.");
  }

  @Override
  public void save() {
    if (w.doc.file() == null) {
      saveAs();
    } else {
      saveTo(w.doc.file());
    }
  }

  @Override
  public void saveAs() {
    JFileChooser fc = chooser();
    fc.setSelectedFile(new File(w.doc.graph().name().replaceAll("[^A-Za-z0-9 _-]", "") + ".json"));
    if (fc.showSaveDialog(w.frame) == JFileChooser.APPROVE_OPTION) {
      Path f = fc.getSelectedFile().toPath();
      if (!f.toString().endsWith(".json")) {
        f = Path.of(f + ".json");
      }
      saveTo(f.toAbsolutePath());
    }
  }

  /** Saves the current graph to {@code file} atomically (in the background) and marks it saved. */
  public void saveTo(Path file) {
    Graph g = w.doc.graph();
    new SwingWorker<Void, Void>() {
      @Override
      protected Void doInBackground() throws Exception {
        GraphFiles.save(g, file);
        return null;
      }

      @Override
      protected void done() {
        try {
          get();
          if (w.doc.graph() == g) {
            w.doc.markSaved(file);
          }
          w.prefs.addRecent(file.toString());
          w.status.setText("Saved " + file.getFileName());
        } catch (Exception e) {
          JOptionPane.showMessageDialog(
              w.frame,
              PlainText.message("Saving failed: " + e.getCause()),
              "Not saved",
              JOptionPane.ERROR_MESSAGE);
        }
      }
    }.execute();
  }

  @Override
  public void runWithReport() {
    JFileChooser fc = new JFileChooser();
    fc.setSelectedFile(new File("report.html"));
    if (fc.showSaveDialog(w.frame) == JFileChooser.APPROVE_OPTION) {
      File f = fc.getSelectedFile();
      runWithReportTo(
          f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".html")
              ? f.toPath()
              : Path.of(f + ".html"));
    }
  }

  /** Runs the whole pipeline; when it ends, the worker writes its HTML report to {@code file}. */
  public void runWithReportTo(Path file) {
    w.runs.backend().reportNextRun(file.toAbsolutePath());
    runAll();
  }

  @Override
  public void exportImage() {
    if (w.canvas.toImage() == null) {
      w.status.setText("The canvas is empty: nothing to export.");
      return;
    }
    JFileChooser fc = new JFileChooser();
    fc.setSelectedFile(new File("pipeline.png"));
    if (fc.showSaveDialog(w.frame) == JFileChooser.APPROVE_OPTION) {
      File f = fc.getSelectedFile();
      exportImageTo(
          f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".png")
              ? f.toPath()
              : Path.of(f + ".png"));
    }
  }

  /**
   * Draws the canvas now (on the EDT) and writes it to {@code file} as a PNG in the background; the
   * status bar says when it is saved.
   */
  public void exportImageTo(Path file) {
    var img = w.canvas.toImage();
    if (img == null) {
      w.status.setText("The canvas is empty: nothing to export.");
      return;
    }
    String json = GraphJson.write(w.doc.graph());
    new SwingWorker<Void, Void>() {
      @Override
      protected Void doInBackground() throws Exception {
        GraphPicture.write(img, json, file);
        return null;
      }

      @Override
      protected void done() {
        try {
          get();
          w.status.setText(
              "Saved picture "
                  + file.getFileName()
                  + "; it holds the pipeline: open or drop it in Blocksmith to get it back.");
        } catch (Exception e) {
          Throwable c = e.getCause() != null ? e.getCause() : e;
          w.status.setText("The picture could not be saved: " + c.getMessage());
        }
      }
    }.execute();
  }

  @Override
  public void shareBundle() {
    sharing.shareBundle();
  }

  /** Shows the Share as bundle dialog, then writes the bundle to {@code out} (no file chooser). */
  public void shareBundleTo(Path out) {
    sharing.shareBundleTo(out);
  }

  @Override
  public void copyPipelineText() {
    sharing.copyPipelineText();
  }

  @Override
  public void quit() {
    if (confirmDiscard()) {
      w.runs.shutdown();
      Autosaver.cleanExit();
      w.frame.dispose();
    }
  }

  /** Returns whether it is fine to drop the current graph (saved, or the user said so). */
  boolean confirmDiscard() {
    if (!w.doc.isModified() || w.doc.graph().nodes().isEmpty() && w.doc.file() == null) {
      return true;
    }
    String name = w.doc.file() == null ? "this pipeline" : w.doc.file().getFileName().toString();
    int answer =
        JOptionPane.showConfirmDialog(
            w.frame,
            PlainText.message("Save changes to " + name + "?"),
            "Unsaved changes",
            JOptionPane.YES_NO_CANCEL_OPTION);
    if (answer == JOptionPane.YES_OPTION) {
      save();
      return false; // saving is asynchronous; the user repeats the command once it is saved
    }
    return answer == JOptionPane.NO_OPTION;
  }

  private static JFileChooser chooser() {
    JFileChooser fc = new JFileChooser(Home.graphsDir().toFile());
    fc.setFileFilter(
        new FileNameExtensionFilter(
            "Blocksmith pipelines and models (*.json," + " *.bsmodel)", "json", "bsmodel"));
    return fc;
  }

  @Override
  public void undo() {
    w.doc.undo();
  }

  @Override
  public void redo() {
    w.doc.redo();
  }

  @Override
  public void delete() {
    w.canvas.deleteSelection();
  }

  @Override
  public void duplicate() {
    List<String> ids = w.canvas.selectedNodeIds();
    if (!ids.isEmpty()) {
      Graph piece = GraphChanges.extract(w.doc.graph(), ids);
      pasteGraph(piece, "Duplicate");
    }
  }

  @Override
  public void copy() {
    List<String> ids = w.canvas.selectedNodeIds();
    if (!ids.isEmpty()) {
      String json = GraphChanges.copy(w.doc.graph(), ids);
      Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(json), null);
      w.status.setText("Copied " + ids.size() + " block(s)");
    }
  }

  @Override
  public void paste() {
    try {
      var cb = Toolkit.getDefaultToolkit().getSystemClipboard();
      String text =
          cb.isDataFlavorAvailable(DataFlavor.stringFlavor)
              ? (String) cb.getData(DataFlavor.stringFlavor)
              : null;
      Graph piece = GraphChanges.parse(text);
      if (piece == null) {
        w.status.setText(
            text == null || text.isBlank()
                ? "The clipboard holds no blocks to paste."
                : "The clipboard text is not a Blocksmith pipeline: copy blocks, or use Edit ▸"
                    + " Copy pipeline as text in the other window.");
      } else {
        pasteGraph(piece, "Paste");
      }
    } catch (Exception e) {
      w.status.setText("Could not paste: " + e.getMessage());
    }
  }

  private void pasteGraph(Graph piece, String what) {
    List<String> ids = new ArrayList<>();
    w.doc.edit(
        what,
        g -> {
          ids.clear();
          return GraphChanges.paste(g, piece, 40, 40, ids);
        });
    if (!ids.isEmpty()) {
      w.canvas.select(ids.get(0));
    }
  }

  @Override
  public void addNote() {
    w.canvas.addNote();
  }

  @Override
  public void tidyUp() {
    w.canvas.tidyUp();
  }

  @Override
  public void zoomIn() {
    w.canvas.zoomIn();
  }

  @Override
  public void zoomOut() {
    w.canvas.zoomOut();
  }

  @Override
  public void zoomFit() {
    w.canvas.zoomToFit();
  }

  @Override
  public void runAll() {
    w.runs.run(runFile(), java.util.Set.of());
  }

  @Override
  public void runToHere() {
    List<String> ids = w.canvas.selectedNodeIds();
    if (ids.isEmpty()) {
      w.status.setText("Select the block to run to, then choose Run to here.");
    } else {
      w.runs.run(runFile(), java.util.Set.copyOf(ids));
    }
  }

  /**
   * Returns the file the pipeline came from: its own file, or the picture an unsaved pipeline was
   * opened from, so that someone else's pipeline is checked as an opened file is.
   */
  private Path runFile() {
    return w.doc.file() != null ? w.doc.file() : w.doc.origin();
  }

  @Override
  public void cancelRun() {
    w.runs.cancel();
  }

  @Override
  public void estimate() {
    dev.blocksmith.editor.run.Estimates.start(
        w.runs.backend(), w.canvas, w.doc.graph(), w.doc.file(), w.frame, w.status::setText);
  }

  @Override
  public void showRuns() {
    new dev.blocksmith.editor.history.RunsWindow(
            dev.blocksmith.engine.home.AppDirs.current().runs(), this::openFile)
        .show();
  }

  @Override
  public void clearCache() {
    w.runs.clearCache();
  }

  @Override
  public void toggleTheme() {
    Themes.setDark(!Themes.isDark());
    w.canvas.applyTheme();
  }

  @Override
  public void showHelp() {
    w.showHelp(null);
  }

  @Override
  public void showWelcome() {
    w.showPage(false);
  }

  @Override
  public void quickAdd() {
    w.showPage(true);
    var c = w.canvas.component();
    dev.blocksmith.editor.app.QuickAdd.show(
        w.canvas, w.canvas.registry(), new java.awt.Point(c.getWidth() / 2 - 140, 60));
  }
}
