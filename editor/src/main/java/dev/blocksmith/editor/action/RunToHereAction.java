package dev.blocksmith.editor.action;

/** Run the selected block and the blocks it needs. */
public final class RunToHereAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public RunToHereAction(Commands c) {
    super("Run to here", "ctrl shift ENTER", "Run the selected block and the blocks it needs.", c::runToHere);
  }
}
