package dev.blocksmith.editor.action;

/** Show the whole pipeline. */
public final class ZoomFitAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public ZoomFitAction(Commands c) {
    super("Fit to window", "ctrl 0", "Show the whole pipeline.", c::zoomFit);
  }
}
