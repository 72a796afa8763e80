package dev.blocksmith.editor.action;

/** Arrange the blocks neatly from left to right. */
public final class TidyUpAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public TidyUpAction(Commands c) {
    super("Tidy up", "ctrl shift L", "Arrange the blocks neatly from left to right.", c::tidyUp);
  }
}
