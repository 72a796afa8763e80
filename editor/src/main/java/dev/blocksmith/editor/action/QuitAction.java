package dev.blocksmith.editor.action;

/** Close Blocksmith. */
public final class QuitAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public QuitAction(Commands c) {
    super("Quit", "ctrl Q", "Close Blocksmith.", c::quit);
  }
}
