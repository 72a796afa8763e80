package dev.blocksmith.engine.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether a command may write its output file: never over one of its inputs (also through a
 * link or another spelling of the same path), and over an existing file only when it is an earlier
 * output of the same command or the user said so.
 */
final class OutputGuard {
  private OutputGuard() {}

  /**
   * Returns why {@code out} must not be written, in one plain line, or null when it may.
   *
   * @param inputs the files and folders the command reads
   * @param overwrite whether the user asked to replace an existing file
   * @param what what the command writes, for the message ("predictions")
   * @param flag the option that allows replacing a file
   */
  static String refusal(Path out, List<Path> inputs, boolean overwrite, String what, String flag) {
    for (Path in : inputs) {
      if (same(out, in)) {
        return "Refusing to write the "
            + what
            + " to "
            + out
            + ": that is an input of this "
            + "command, and writing would replace it. Choose another --out file.";
      }
      if (Files.isDirectory(in) && inside(out, in)) {
        return "Refusing to write the "
            + what
            + " into the input folder "
            + in
            + ": the next run would read the output as input. Choose a file elsewhere.";
      }
    }
    if (Files.isDirectory(out)) {
      return "Cannot write the " + what + " to " + out + ": it is a folder. Name a file.";
    }
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(out)) {
      return "Refusing to write the " + what + " to " + out + ": it is not a plain file.";
    }
    if (Files.exists(out) && !overwrite && !writtenByBlocksmith(out)) {
      return "Refusing to replace "
          + out
          + ": it exists and Blocksmith did not write it. Add "
          + flag
          + " to replace it, or choose another file.";
    }
    return null;
  }

  private static boolean same(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // Fall back to comparing the paths.
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static boolean inside(Path file, Path folder) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Path real = parent != null && Files.exists(parent) ? parent.toRealPath() : parent;
      return real != null && real.startsWith(folder.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Returns whether the file's header is that of a predictions file (ends with the two columns).
   */
  private static boolean writtenByBlocksmith(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      char[] buf = new char[64 * 1024];
      int n = r.read(buf);
      if (n <= 0) {
        return false;
      }
      String head = new String(buf, 0, n);
      int end = head.indexOf('\n');
      String first = end < 0 ? head : head.substring(0, end);
      return first.endsWith(",predicted,confidence") || first.equals("predicted,confidence");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
