package dev.blocksmith.editor.action;

/** Open a pipeline file. */
public final class OpenAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public OpenAction(Commands c) {
    super("Open…", "ctrl O", "Open a pipeline file.", c::open);
  }
}
