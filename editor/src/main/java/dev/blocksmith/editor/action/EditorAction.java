package dev.blocksmith.editor.action;

import java.awt.event.ActionEvent;
import javax.swing.AbstractAction;
import javax.swing.KeyStroke;

/** An action with a name, an optional shortcut and a tooltip, shown in menus and the toolbar. */
public final class EditorAction extends AbstractAction {
  private final transient Runnable command;

  /**
   * Creates the action.
   *
   * @param name menu text
   * @param shortcut key stroke in {@link KeyStroke#getKeyStroke(String)} form, or null
   * @param tooltip one plain sentence
   * @param command what it does
   */
  public EditorAction(String name, String shortcut, String tooltip, Runnable command) {
    super(name);
    this.command = command;
    if (shortcut != null) {
      putValue(ACCELERATOR_KEY, KeyStroke.getKeyStroke(shortcut));
    }
    putValue(SHORT_DESCRIPTION, tooltip);
  }

  @Override
  public void actionPerformed(ActionEvent e) {
    command.run();
  }
}
