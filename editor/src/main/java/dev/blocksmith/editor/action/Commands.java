package dev.blocksmith.editor.action;

/** What the editor's actions do; the main window implements it. Called on the EDT. */
public interface Commands {
  /** Starts a new, empty pipeline. */
  void newPipeline();

  /** Opens a pipeline file chosen by the user. */
  void open();

  /** Saves to the current file, asking for one when there is none. */
  void save();

  /** Saves to a file chosen by the user. */
  void saveAs();

  /** Writes the canvas as a PNG image. */
  void exportImage();

  /** Shows what a bundle of the pipeline would hold, then writes it as one file to share. */
  default void shareBundle() {}

  /** Puts the whole pipeline's JSON on the clipboard as plain text. */
  default void copyPipelineText() {}

  /** Closes the window (asking about unsaved changes). */
  void quit();

  /** Reverts the last change. */
  void undo();

  /** Repeats the last undone change. */
  void redo();

  /** Deletes the selection. */
  void delete();

  /** Duplicates the selected blocks. */
  void duplicate();

  /** Copies the selected blocks as pipeline JSON. */
  void copy();

  /** Pastes blocks from the clipboard. */
  void paste();

  /** Adds a sticky note. */
  void addNote();

  /** Arranges the blocks left to right. */
  void tidyUp();

  /** Zooms in. */
  void zoomIn();

  /** Zooms out. */
  void zoomOut();

  /** Fits the pipeline in the view. */
  void zoomFit();

  /** Runs the whole pipeline. */
  void runAll();

  /** Runs the selected block and what it needs. */
  void runToHere();

  /** Runs the whole pipeline and saves an HTML report of the run. */
  void runWithReport();

  /** Stops the current run. */
  void cancelRun();

  /** Forgets every cached block output, so the next run executes every block. */
  void clearCache();

  /** Switches between the light and dark theme. */
  void toggleTheme();

  /** Shows the welcome page. */
  void showWelcome();

  /** Estimates each training block's size, memory and time without training. */
  default void estimate() {}

  /** Opens the Runs window: the run history, compared side by side and reopened. */
  default void showRuns() {}

  /** Opens the quick-add box. */
  void quickAdd();

  /** Opens the help: glossary, metrics and block docs. */
  void showHelp();
}
