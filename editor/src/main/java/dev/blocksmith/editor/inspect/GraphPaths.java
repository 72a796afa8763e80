package dev.blocksmith.editor.inspect;

import dev.blocksmith.engine.home.AllowedFolders;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a path chosen in the editor is written into the graph: relative to the graph's folder when it
 * lies there (so the pipeline and its data can be moved or shared together), absolute otherwise.
 */
public final class GraphPaths {
  private GraphPaths() {}

  /**
   * Returns the text to store for {@code chosen}.
   *
   * @param chosen the file or folder the user picked
   * @param graphDir the folder of the graph file, or null when it was never saved
   */
  public static String forGraph(Path chosen, Path graphDir) {
    Path abs = chosen.toAbsolutePath().normalize();
    if (graphDir != null) {
      Path base = graphDir.toAbsolutePath().normalize();
      if (abs.startsWith(base) && !abs.equals(base)) {
        return base.relativize(abs).toString().replace('\\', '/');
      }
    }
    return abs.toString();
  }

  /**
   * Records that the user picked {@code chosen} with a file chooser: its folder (the folder itself
   * for a folder param) is added to {@link AllowedFolders}, so pipelines may read and write there.
   * Returns false when the list could not be written (the run will then ask).
   */
  public static boolean allowPicked(Path chosen, boolean isFile) {
    Path abs = chosen.toAbsolutePath().normalize();
    Path folder = isFile ? abs.getParent() : abs;
    try {
      if (folder != null) {
        AllowedFolders.add(folder);
      }
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
