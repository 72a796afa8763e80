package dev.blocksmith.engine.graph;

import java.nio.file.Path;

/**
 * A child process for {@link GraphFilesCrashTest}: saves the two versions of a graph in turn, as
 * fast as it can, until it is killed. Prints "ready" after its first save.
 */
public final class SaveChild {
  private SaveChild() {}

  /** Arguments: the file, the two contents. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    byte[] a = java.nio.file.Files.readAllBytes(Path.of(args[1]));
    byte[] b = java.nio.file.Files.readAllBytes(Path.of(args[2]));
    for (long i = 0; ; i++) {
      GraphFiles.writeAtomically(file, i % 2 == 0 ? a : b, true);
      if (i == 0) {
        System.out.println("ready");
        System.out.flush();
      }
    }
  }
}
