package dev.blocksmith.editor.theme;

import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.JTextComponent;

/** Runs an action whenever a text field's text changes (typed, pasted, deleted or set). */
public final class TextChanges {
  private TextChanges() {}

  /** Calls {@code action} on the EDT after every change to {@code field}'s text. */
  public static void onChange(JTextComponent field, Runnable action) {
    field
        .getDocument()
        .addDocumentListener(
            new DocumentListener() {
              @Override
              public void insertUpdate(DocumentEvent e) {
                action.run();
              }

              @Override
              public void removeUpdate(DocumentEvent e) {
                action.run();
              }

              @Override
              public void changedUpdate(DocumentEvent e) {
                action.run();
              }
            });
  }
}
