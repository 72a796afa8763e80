package dev.blocksmith.engine.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Saves files atomically: write a temporary file, flush it to disk, keep a backup, rename. */
public final class GraphFiles {
  private GraphFiles() {}

  /** Saves a graph to {@code file}, keeping the previous version as {@code file.bak}. */
  public static void save(Graph graph, Path file) throws IOException {
    writeAtomically(file, GraphJson.write(graph).getBytes(StandardCharsets.UTF_8), true);
  }

  /**
   * Writes bytes to {@code file} so that a crash at any moment leaves either the old or the new
   * content, never a torn file.
   *
   * @param keepBackup whether to keep the previous content as {@code file.bak}
   */
  public static void writeAtomically(Path file, byte[] content, boolean keepBackup)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (keepBackup && Files.exists(file)) {
        Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
