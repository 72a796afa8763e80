package dev.blocksmith.editor.action;

/** Undo the last change. */
public final class UndoAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public UndoAction(Commands c) {
    super("Undo", "ctrl Z", "Undo the last change.", c::undo);
  }
}
