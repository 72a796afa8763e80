package dev.blocksmith.editor.app;

import java.awt.datatransfer.DataFlavor;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.swing.TransferHandler;

/**
 * Opens a pipeline, bundle, picture or model file dropped anywhere on the window (the welcome page,
 * the panels); the canvas has its own handler that also turns CSV files into blocks.
 */
final class FileDrop extends TransferHandler {
  private final Consumer<Path> open;

  FileDrop(Consumer<Path> open) {
    this.open = open;
  }

  @Override
  public boolean canImport(TransferSupport s) {
    return s.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
  }

  @Override
  public boolean importData(TransferSupport s) {
    if (!canImport(s)) {
      return false;
    }
    try {
      @SuppressWarnings("unchecked")
      List<File> files =
          (List<File>) s.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
      for (File f : files) {
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (f.isFile()
            && (name.endsWith(".json")
                || name.endsWith(".blocksmith")
                || name.endsWith(".png")
                || name.endsWith(".bsmodel"))) {
          open.accept(f.toPath());
          return true; // one document per window
        }
      }
    } catch (java.awt.datatransfer.UnsupportedFlavorException | java.io.IOException e) {
      return false;
    }
    return false;
  }
}
