package dev.blocksmith.editor.app;

import dev.blocksmith.engine.home.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where Blocksmith finds its example graphs and keeps the user's files. */
public final class Home {
  private Home() {}

  /** Returns the project folder: {@code -Dblocksmith.home}, else the working dir or its parent. */
  public static Path projectDir() {
    String prop = System.getProperty("blocksmith.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath();
    }
    Path cwd = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(cwd.resolve("graphs"))
        && cwd.getParent() != null
        && Files.isDirectory(cwd.getParent().resolve("graphs"))) {
      return cwd.getParent();
    }
    return cwd;
  }

  /** Returns the folder of example pipelines ({@code graphs/}). */
  public static Path graphsDir() {
    return projectDir().resolve("graphs");
  }

  /** Returns the user's folders ({@code BLOCKSMITH_HOME}, XDG folders or {@code ~/.blocksmith}). */
  public static AppDirs dirs() {
    return AppDirs.current();
  }

  /** Returns the folder for autosaved copies. */
  public static Path autosaveDir() {
    return dirs().autosave();
  }

  /** Returns the folder where runs write their outputs. */
  public static Path runsDir() {
    return dirs().runs();
  }
}
