package dev.blocksmith.editor.canvas;

import com.mxgraph.swing.handler.mxGraphTransferHandler;
import java.awt.Point;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.swing.JComponent;

/**
 * Accepts blocks dragged from the palette ({@code "block:<type id>"} text) and files dropped from
 * the desktop: a CSV file becomes a Load CSV block, a folder a Load images block, and a whole
 * pipeline (a graph file, a .blocksmith bundle or a picture that holds one) is opened.
 */
final class CanvasTransfer extends mxGraphTransferHandler {
  /** Prefix of the text a palette drag carries. */
  static final String BLOCK = "block:";

  private final CanvasView view;

  CanvasTransfer(CanvasView view) {
    this.view = view;
  }

  @Override
  public boolean canImport(JComponent comp, DataFlavor[] flavors) {
    for (DataFlavor f : flavors) {
      if (f.equals(DataFlavor.stringFlavor) || f.equals(DataFlavor.javaFileListFlavor)) {
        return true;
      }
    }
    return super.canImport(comp, flavors);
  }

  @Override
  public boolean importData(JComponent c, Transferable t) {
    Point at = location != null ? new Point(location) : null;
    try {
      if (t.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
        @SuppressWarnings("unchecked")
        List<File> files = (List<File>) t.getTransferData(DataFlavor.javaFileListFlavor);
        for (File f : files) {
          dropFile(f, at);
        }
        return true;
      }
      if (t.isDataFlavorSupported(DataFlavor.stringFlavor)) {
        String s = (String) t.getTransferData(DataFlavor.stringFlavor);
        if (s.startsWith(BLOCK)) {
          view.addBlock(s.substring(BLOCK.length()), at);
          return true;
        }
        return false;
      }
    } catch (java.awt.datatransfer.UnsupportedFlavorException | java.io.IOException e) {
      view.toast("That could not be dropped here: " + e.getMessage());
      return false;
    }
    return super.importData(c, t);
  }

  private void dropFile(File f, Point at) {
    String name = f.getName().toLowerCase(Locale.ROOT);
    if (opensAsPipeline(name) && Files.isRegularFile(f.toPath())) {
      view.openDropped(f.toPath());
      return;
    }
    String type;
    String param;
    if (Files.isDirectory(f.toPath())) {
      type = "data.load-images";
      param = "folder";
    } else if (name.endsWith(".csv") || name.endsWith(".tsv")) {
      type = "data.load-csv";
      param = "file";
    } else {
      view.toast(
          "Drop a CSV file, a folder of images (sorted into one sub-folder per label), or a"
              + " pipeline, bundle or picture to open.");
      return;
    }
    String path = f.getAbsolutePath();
    // A file the user dropped is one they picked: its folder counts as allowed.
    try {
      Path abs = f.toPath().toAbsolutePath().normalize();
      Path picked = param.equals("folder") ? abs : abs.getParent();
      if (picked != null) {
        dev.blocksmith.engine.home.AllowedFolders.add(picked);
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      // not remembered: the run will ask
    }
    String paramName =
        view.registry()
            .find(type)
            .flatMap(
                nt ->
                    nt.spec().params().stream()
                        .filter(
                            p -> p.type().name().equals(param.equals("file") ? "FILE" : "FOLDER"))
                        .findFirst())
            .map(p -> p.name())
            .orElse(param);
    var pos = at != null ? view.toGraph(at) : view.freeSpot();
    String id = GraphChanges.nextId(view.edits().graph(), type);
    view.edits()
        .edit(
            "Add " + f.getName(),
            g ->
                GraphChanges.addNode(g, type, pos)
                    .withParam(
                        id, paramName, com.fasterxml.jackson.databind.node.TextNode.valueOf(path)));
    view.select(id);
  }

  /** Returns whether a file of this name is opened whole rather than added as a block. */
  static boolean opensAsPipeline(String lowerName) {
    return lowerName.endsWith(".json")
        || lowerName.endsWith(".blocksmith")
        || lowerName.endsWith(".png")
        || lowerName.endsWith(".bsmodel");
  }
}
