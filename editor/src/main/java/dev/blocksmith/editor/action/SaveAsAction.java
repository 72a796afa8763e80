package dev.blocksmith.editor.action;

/** Save the pipeline to a new file. */
public final class SaveAsAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public SaveAsAction(Commands c) {
    super("Save As…", "ctrl shift S", "Save the pipeline to a new file.", c::saveAs);
  }
}
