package dev.blocksmith.editor.action;

/** Save the pipeline to its file. */
public final class SaveAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public SaveAction(Commands c) {
    super("Save", "ctrl S", "Save the pipeline to its file.", c::save);
  }
}
