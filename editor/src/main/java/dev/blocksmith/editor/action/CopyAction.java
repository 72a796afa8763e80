package dev.blocksmith.editor.action;

/** Copy the selected blocks. */
public final class CopyAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public CopyAction(Commands c) {
    super("Copy", "ctrl C", "Copy the selected blocks.", c::copy);
  }
}
