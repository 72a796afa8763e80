package dev.blocksmith.editor.action;

/** Search for a block and add it (Space on the canvas also works). */
public final class QuickAddAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public QuickAddAction(Commands c) {
    super("Add block…", "ctrl K", "Search for a block and add it (Space on the canvas also works).", c::quickAdd);
  }
}
