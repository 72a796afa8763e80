package dev.blocksmith.nodes.output;

import dev.blocksmith.engine.spi.NodeType.ParamProblem;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.Params;
import java.util.List;

/** Checks that an output file param ends with the extension its readers look for. */
final class FileNames {
  private FileNames() {}

  /**
   * Returns a problem when the file named by {@code param} is set and lacks {@code extension},
   * naming the file as {@code what} ("The model file") and suggesting the renamed file.
   */
  static List<ParamProblem> checkExtension(
      Params params, Param<String> param, String extension, String what) {
    String name = params.get(param);
    if (name.isBlank() || name.endsWith(extension)) {
      return List.of();
    }
    return List.of(
        new ParamProblem(
            param.name(),
            what + " \"" + name + "\" should end with " + extension + ".",
            "Rename it, for example to " + name.replaceFirst("\\.[^./]*$", "") + extension + "."));
  }
}
