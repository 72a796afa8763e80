package dev.blocksmith.editor.action;

/** Delete the selected blocks, connections and notes. */
public final class DeleteAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public DeleteAction(Commands c) {
    super("Delete", "DELETE", "Delete the selected blocks, connections and notes.", c::delete);
  }
}
