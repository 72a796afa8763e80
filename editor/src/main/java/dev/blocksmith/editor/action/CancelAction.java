package dev.blocksmith.editor.action;

/**
 * Stop the run: an explicit action (button, menu or Ctrl+.). Escape deliberately does not cancel,
 * because people press it to close a menu or a dialog and would lose a long training run.
 */
public final class CancelAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public CancelAction(Commands c) {
    super("Cancel run", "ctrl PERIOD", "Stop the run (Ctrl+.). Escape never stops a run.", c::cancelRun);
  }
}
