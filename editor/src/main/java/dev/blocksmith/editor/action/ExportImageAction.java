package dev.blocksmith.editor.action;

/** Save a picture of the canvas as a PNG file. */
public final class ExportImageAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public ExportImageAction(Commands c) {
    super("Export image…", "ctrl shift E", "Save a picture of the canvas as a PNG file.", c::exportImage);
  }
}
