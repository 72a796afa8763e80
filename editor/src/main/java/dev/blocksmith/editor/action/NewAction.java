package dev.blocksmith.editor.action;

/** Start a new, empty pipeline. */
public final class NewAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public NewAction(Commands c) {
    super("New pipeline", "ctrl N", "Start a new, empty pipeline.", c::newPipeline);
  }
}
