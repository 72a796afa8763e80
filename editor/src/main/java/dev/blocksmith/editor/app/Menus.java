package dev.blocksmith.editor.app;

import dev.blocksmith.editor.action.Commands;
import dev.blocksmith.editor.action.EditorAction;
import java.awt.event.InputEvent;
import javax.swing.Action;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.KeyStroke;

/** The editor's actions, and the menu bar that lists every one with its shortcut. */
final class Menus {
  final Action newPipeline;
  final Action open;
  final Action save;
  final Action saveAs;
  final Action exportImage;
  final Action shareBundle;
  final Action copyPipeline;
  final Action quit;
  final Action undo;
  final Action redo;
  final Action delete;
  final Action duplicate;
  final Action copy;
  final Action paste;
  final Action addNote;
  final Action addBlock;
  final Action tidy;
  final Action zoomIn;
  final Action zoomOut;
  final Action fit;
  final Action runAll;
  final Action runToHere;
  final Action runWithReport;
  final Action cancel;
  final Action clearCache;
  final Action estimate;
  final Action showRuns;
  final Action theme;
  final Action welcome;
  final Action help;
  private JMenuItem undoItem;
  private JMenuItem redoItem;

  /** The table of actions: menu text, shortcut, tooltip and command, one line each. */
  Menus(Commands c) {
    newPipeline =
        new EditorAction("New pipeline", "ctrl N", "Start a new, empty pipeline.", c::newPipeline);
    open =
        new EditorAction(
            "Open…",
            "ctrl O",
            "Open a pipeline file, a shared bundle (.blocksmith) or a picture that holds a"
                + " pipeline.",
            c::open);
    save = new EditorAction("Save", "ctrl S", "Save the pipeline to its file.", c::save);
    saveAs =
        new EditorAction("Save As…", "ctrl shift S", "Save the pipeline to a new file.", c::saveAs);
    exportImage =
        new EditorAction(
            "Export image…",
            "ctrl shift E",
            "Save a picture of the canvas as a PNG file; the pipeline is stored inside, so"
                + " opening or dropping the picture in Blocksmith brings the pipeline back.",
            c::exportImage);
    shareBundle =
        new EditorAction(
            "Share as bundle…",
            null,
            "Save the pipeline with the data files it reads (and, if you like, the trained model"
                + " and the lesson) as one .blocksmith file to send to someone.",
            c::shareBundle);
    copyPipeline =
        new EditorAction(
            "Copy pipeline as text",
            null,
            "Put the whole pipeline on the clipboard as JSON text, to paste into another"
                + " Blocksmith window, a chat or an e-mail.",
            c::copyPipelineText);
    quit = new EditorAction("Quit", "ctrl Q", "Close Blocksmith.", c::quit);
    undo = new EditorAction("Undo", "ctrl Z", "Undo the last change.", c::undo);
    redo = new EditorAction("Redo", "ctrl shift Z", "Redo the change you just undid.", c::redo);
    delete =
        new EditorAction(
            "Delete", "DELETE", "Delete the selected blocks, connections and notes.", c::delete);
    duplicate =
        new EditorAction(
            "Duplicate", "ctrl D", "Make a copy of the selected blocks.", c::duplicate);
    copy = new EditorAction("Copy", "ctrl C", "Copy the selected blocks.", c::copy);
    paste =
        new EditorAction(
            "Paste",
            "ctrl V",
            "Paste blocks copied from this or another pipeline, or a whole pipeline copied as"
                + " text.",
            c::paste);
    addNote =
        new EditorAction(
            "Add sticky note",
            "ctrl shift N",
            "Add a note to explain part of the pipeline.",
            c::addNote);
    addBlock =
        new EditorAction(
            "Add block…",
            "ctrl K",
            "Search for a block and add it (Space on the canvas also works).",
            c::quickAdd);
    tidy =
        new EditorAction(
            "Tidy up", "ctrl shift L", "Arrange the blocks neatly from left to right.", c::tidyUp);
    zoomIn = new EditorAction("Zoom in", "ctrl EQUALS", "Make the canvas bigger.", c::zoomIn);
    zoomOut = new EditorAction("Zoom out", "ctrl MINUS", "Make the canvas smaller.", c::zoomOut);
    fit = new EditorAction("Fit to window", "ctrl 0", "Show the whole pipeline.", c::zoomFit);
    runAll =
        new EditorAction("Run all", "ctrl ENTER", "Run every block of the pipeline.", c::runAll);
    runToHere =
        new EditorAction(
            "Run to here",
            "ctrl shift ENTER",
            "Run the selected block and the blocks it needs.",
            c::runToHere);
    runWithReport =
        new EditorAction(
            "Run and save report…",
            null,
            "Run the whole pipeline, then save a self-contained HTML report to hand out.",
            c::runWithReport);
    clearCache =
        new EditorAction(
            "Clear cache",
            null,
            "Forget the saved results of every block," + " so the next run starts from scratch.",
            c::clearCache);
    estimate =
        new EditorAction(
            "Estimate before running",
            null,
            "Say for each training block how many numbers it learns, the memory and the time it"
                + " needs (a few timed batches on the real data; nothing is trained).",
            c::estimate);
    showRuns =
        new EditorAction(
            "Runs…",
            null,
            "List past runs, compare two or more side by side and reopen a run's pipeline.",
            c::showRuns);
    cancel =
        new EditorAction(
            "Cancel run",
            "ctrl PERIOD",
            "Stop the run (Ctrl+.). Escape never stops a run.",
            c::cancelRun);
    theme =
        new EditorAction(
            "Dark theme", null, "Switch between the light and the dark theme.", c::toggleTheme);
    welcome =
        new EditorAction(
            "Welcome page",
            null,
            "Show the welcome page with examples and lessons.",
            c::showWelcome);
    help =
        new EditorAction(
            "Glossary and blocks…",
            "F1",
            "Explain a word, a metric or a block: searchable help.",
            c::showHelp);
  }

  JMenuBar menuBar() {
    JMenuBar bar = mainMenus();
    bar.add(menu("Help", help));
    return bar;
  }

  private JMenuBar mainMenus() {
    JMenuBar bar = new JMenuBar();
    bar.add(
        menu(
            "File",
            newPipeline,
            open,
            save,
            saveAs,
            null,
            exportImage,
            shareBundle,
            null,
            welcome,
            null,
            quit));
    JMenu edit =
        menu(
            "Edit",
            undo,
            redo,
            null,
            copy,
            paste,
            duplicate,
            delete,
            copyPipeline,
            null,
            addBlock,
            addNote);
    undoItem = edit.getItem(0);
    redoItem = edit.getItem(1);
    bar.add(edit);
    JMenu view = menu("View", zoomIn, zoomOut, fit, null, tidy, null);
    JCheckBoxMenuItem dark = new JCheckBoxMenuItem(theme);
    dark.setSelected(dev.blocksmith.editor.theme.Themes.isDark());
    view.add(dark);
    bar.add(view);
    bar.add(
        menu(
            "Run",
            runAll,
            runToHere,
            runWithReport,
            cancel,
            null,
            estimate,
            showRuns,
            null,
            clearCache));
    return bar;
  }

  /**
   * Names the gestures that Undo and Redo would revert or repeat in the Edit menu ("Undo Add
   * Train"), and disables them when there is none.
   */
  void showHistory(String undoWhat, String redoWhat) {
    undo.setEnabled(!undoWhat.isEmpty());
    redo.setEnabled(!redoWhat.isEmpty());
    if (undoItem != null) {
      undoItem.setText(undoWhat.isEmpty() ? "Undo" : "Undo " + undoWhat);
      redoItem.setText(redoWhat.isEmpty() ? "Redo" : "Redo " + redoWhat);
    }
  }

  private static JMenu menu(String name, Action... actions) {
    JMenu m = new JMenu(name);
    m.setMnemonic(name.charAt(0));
    for (Action a : actions) {
      if (a == null) {
        m.addSeparator();
      } else {
        m.add(a).setToolTipText((String) a.getValue(Action.SHORT_DESCRIPTION));
      }
    }
    return m;
  }

  /** Returns a shortcut in words ("Ctrl+Shift+Z"). */
  static String describe(KeyStroke k) {
    String mods = InputEvent.getModifiersExText(k.getModifiers());
    String key = java.awt.event.KeyEvent.getKeyText(k.getKeyCode());
    return mods.isEmpty() ? key : mods + "+" + key;
  }
}
