package dev.blocksmith.engine.home;

import dev.blocksmith.engine.graph.GraphFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The folders the user allowed pipelines to read and write outside their own folder: one absolute
 * path a line in {@code allowed-folders.txt} in the settings folder of {@link AppDirs}. The editor
 * adds a folder when the user picks a file in it with Browse… or answers Allow; the command line
 * reads the same file. Lines that are not absolute paths are ignored.
 */
public final class AllowedFolders {
  /** The file's name in the settings folder. */
  public static final String FILE_NAME = "allowed-folders.txt";

  /** Most folders kept (the oldest are dropped first); the file is read on every validation. */
  static final int MAX_FOLDERS = 500;

  private AllowedFolders() {}

  /** Returns the folders in {@code AppDirs.current()}'s list (empty when there is none). */
  public static List<Path> read() {
    return read(AppDirs.current().config().resolve(FILE_NAME));
  }

  /** Returns the folders listed in {@code file}, absolute and normalised, in order. */
  public static List<Path> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | RuntimeException e) {
      return List.of(); // an unreadable list allows nothing more
    }
    Set<Path> out = new LinkedHashSet<>();
    for (String line : lines) {
      try {
        Path p = Path.of(line);
        if (!line.isBlank() && p.isAbsolute()) {
          out.add(p.normalize());
        }
      } catch (InvalidPathException e) {
        // not a path: skip it
      }
    }
    return List.copyOf(out);
  }

  /**
   * Adds a folder to {@code AppDirs.current()}'s list (written atomically).
   *
   * @throws IOException when the list cannot be written
   * @throws IllegalArgumentException when the path is not absolute or holds a line break
   */
  public static void add(Path folder) throws IOException {
    add(AppDirs.current().config().resolve(FILE_NAME), folder);
  }

  /** Adds a folder to the list in {@code file}; nothing changes when it is already there. */
  public static synchronized void add(Path file, Path folder) throws IOException {
    String text = folder.toString();
    if (!folder.isAbsolute() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("Not a folder that can be allowed: " + text);
    }
    List<Path> now = new ArrayList<>(read(file));
    Path normal = folder.normalize();
    if (now.contains(normal)) {
      return;
    }
    now.add(normal);
    while (now.size() > MAX_FOLDERS) {
      now.remove(0);
    }
    StringBuilder sb = new StringBuilder();
    now.forEach(p -> sb.append(p).append('\n'));
    GraphFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8), false);
  }
}
