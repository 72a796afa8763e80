package dev.blocksmith.editor.action;

/** Make the canvas bigger. */
public final class ZoomInAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public ZoomInAction(Commands c) {
    super("Zoom in", "ctrl EQUALS", "Make the canvas bigger.", c::zoomIn);
  }
}
