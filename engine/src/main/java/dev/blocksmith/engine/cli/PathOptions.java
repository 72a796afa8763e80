package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.validate.PathPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that let a pipeline read or write outside its own folder: {@code --allow FOLDER} for
 * this command, {@code --yes} to agree to every path it shows. Mixed into {@code run} and {@code
 * validate}.
 */
final class PathOptions {
  @Option(
      names = "--allow",
      paramLabel = "FOLDER",
      description =
          "Let the pipeline read and write in this folder too, for this command (it may only"
              + " use its own folder and the folders you allowed in the editor otherwise).")
  List<Path> allow = new ArrayList<>();

  @Option(
      names = {"--yes", "-y"},
      description =
          "Agree to everything the pipeline reads and writes, also outside its folder, and to"
              + " replacing files Blocksmith did not write.")
  boolean yes;

  /**
   * Returns the user's standard policy with these options applied, relative {@code --allow} folders
   * resolved against {@code cwd} (the caller's working directory).
   */
  PathPolicy policy(Path cwd) {
    PathPolicy p =
        PathPolicy.standard()
            .allowFolders(allow.stream().map(f -> cwd.resolve(f).toAbsolutePath()).toList());
    return yes ? p.agreeToAll() : p;
  }
}
