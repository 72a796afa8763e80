package dev.blocksmith.editor.gui;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.editor.app.EditorLauncher;
import java.nio.file.Path;
import javax.swing.Timer;

/**
 * An editor process for the autosave test: opens the file named by its argument, changes one
 * setting, and then carries on like a user who has not saved yet, until it is killed.
 */
public final class EditorChild {
  private EditorChild() {}

  /** Opens {@code args[0]} and sets Train's epochs to {@code args[1]}. */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int epochs = Integer.parseInt(args[1]);
    EditorLauncher.launch(
        w -> {
          w.controller().openFile(file);
          Timer poll = new Timer(50, null);
          poll.addActionListener(
              e -> {
                if (file.toAbsolutePath().equals(w.document().file())) {
                  poll.stop();
                  w.document()
                      .edit(
                          "Set Epochs",
                          g -> g.withParam("train", "epochs", IntNode.valueOf(epochs)));
                  System.out.println("EDITED");
                }
              });
          poll.start();
        });
  }
}
