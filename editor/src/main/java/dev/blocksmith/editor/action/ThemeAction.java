package dev.blocksmith.editor.action;

/** Switch between the light and the dark theme. */
public final class ThemeAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public ThemeAction(Commands c) {
    super("Dark theme", null, "Switch between the light and the dark theme.", c::toggleTheme);
  }
}
