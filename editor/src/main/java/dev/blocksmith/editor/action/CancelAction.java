package dev.blocksmith.editor.action;

/** Stop the run (Esc also works). */
public final class CancelAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public CancelAction(Commands c) {
    super("Cancel run", "ctrl PERIOD", "Stop the run (Esc also works).", c::cancelRun);
  }
}
