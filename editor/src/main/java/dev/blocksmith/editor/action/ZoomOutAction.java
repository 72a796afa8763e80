package dev.blocksmith.editor.action;

/** Make the canvas smaller. */
public final class ZoomOutAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public ZoomOutAction(Commands c) {
    super("Zoom out", "ctrl MINUS", "Make the canvas smaller.", c::zoomOut);
  }
}
