package dev.blocksmith.editor.action;

/** Run every block of the pipeline. */
public final class RunAllAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public RunAllAction(Commands c) {
    super("Run all", "ctrl ENTER", "Run every block of the pipeline.", c::runAll);
  }
}
