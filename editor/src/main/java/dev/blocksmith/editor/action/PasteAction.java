package dev.blocksmith.editor.action;

/** Paste blocks copied from this or another pipeline. */
public final class PasteAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public PasteAction(Commands c) {
    super("Paste", "ctrl V", "Paste blocks copied from this or another pipeline.", c::paste);
  }
}
