package dev.blocksmith.editor.app;

import dev.blocksmith.editor.action.*;
import java.awt.event.InputEvent;
import javax.swing.Action;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.KeyStroke;

/** The editor's actions, and the menu bar that lists every one with its shortcut. */
final class Menus {
  final Action newPipeline;
  final Action open;
  final Action save;
  final Action saveAs;
  final Action exportImage;
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
  final Action theme;
  final Action welcome;

  Menus(Commands c) {
    newPipeline = new NewAction(c);
    open = new OpenAction(c);
    save = new SaveAction(c);
    saveAs = new SaveAsAction(c);
    exportImage = new ExportImageAction(c);
    quit = new QuitAction(c);
    undo = new UndoAction(c);
    redo = new RedoAction(c);
    delete = new DeleteAction(c);
    duplicate = new DuplicateAction(c);
    copy = new CopyAction(c);
    paste = new PasteAction(c);
    addNote = new AddNoteAction(c);
    addBlock = new QuickAddAction(c);
    tidy = new TidyUpAction(c);
    zoomIn = new ZoomInAction(c);
    zoomOut = new ZoomOutAction(c);
    fit = new ZoomFitAction(c);
    runAll = new RunAllAction(c);
    runToHere = new RunToHereAction(c);
    runWithReport = new RunWithReportAction(c);
    cancel = new CancelAction(c);
    clearCache = new ClearCacheAction(c);
    theme = new ThemeAction(c);
    welcome = new WelcomeAction(c);
  }

  JMenuBar menuBar() {
    JMenuBar bar = new JMenuBar();
    bar.add(menu("File", newPipeline, open, save, saveAs, null, exportImage, null, welcome, null,
        quit));
    bar.add(menu("Edit", undo, redo, null, copy, paste, duplicate, delete, null, addBlock,
        addNote));
    JMenu view = menu("View", zoomIn, zoomOut, fit, null, tidy, null);
    JCheckBoxMenuItem dark = new JCheckBoxMenuItem(theme);
    dark.setSelected(dev.blocksmith.editor.theme.Themes.isDark());
    view.add(dark);
    bar.add(view);
    bar.add(menu("Run", runAll, runToHere, runWithReport, cancel, null, clearCache));
    return bar;
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
