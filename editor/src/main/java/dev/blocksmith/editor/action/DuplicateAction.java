package dev.blocksmith.editor.action;

/** Make a copy of the selected blocks. */
public final class DuplicateAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public DuplicateAction(Commands c) {
    super("Duplicate", "ctrl D", "Make a copy of the selected blocks.", c::duplicate);
  }
}
