package dev.blocksmith.editor.action;

/** Add a note to explain part of the pipeline. */
public final class AddNoteAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public AddNoteAction(Commands c) {
    super("Add sticky note", "ctrl shift N", "Add a note to explain part of the pipeline.", c::addNote);
  }
}
