package dev.blocksmith.editor.action;

/** Show the welcome page with examples and lessons. */
public final class WelcomeAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public WelcomeAction(Commands c) {
    super("Welcome page", null, "Show the welcome page with examples and lessons.", c::showWelcome);
  }
}
