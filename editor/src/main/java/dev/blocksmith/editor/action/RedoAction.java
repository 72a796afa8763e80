package dev.blocksmith.editor.action;

/** Redo the change you just undid. */
public final class RedoAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public RedoAction(Commands c) {
    super("Redo", "ctrl shift Z", "Redo the change you just undid.", c::redo);
  }
}
