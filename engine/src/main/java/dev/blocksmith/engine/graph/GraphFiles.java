package dev.blocksmith.engine.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Saves files so that a crash at any moment (power loss, kill -9) leaves the old or the new
 * content, never a torn file, for the file and for its {@code .bak}:
 *
 * <ol>
 *   <li>the new content goes to a temp file beside the target, which is flushed to disk;
 *   <li>the previous version becomes {@code .bak} by a hard link (or a flushed copy) under a temp
 *       name, renamed atomically;
 *   <li>the temp file is renamed over the target atomically and the folder is flushed, so the
 *       rename itself survives a crash.
 * </ol>
 *
 * <p>The file's permissions (and owner, where allowed) are kept. A symbolic link is written
 * through: its target is replaced and the link stays a link. Temp files left by an earlier crash
 * are removed by the next save of the same file. A folder, pipe or device is refused.
 */
public final class GraphFiles {
  private static final String TMP = ".tmp";

  private GraphFiles() {}

  /** Saves a graph to {@code file}, keeping the previous version as {@code file.bak}. */
  public static void save(Graph graph, Path file) throws IOException {
    writeAtomically(file, GraphJson.write(graph).getBytes(StandardCharsets.UTF_8), true);
  }

  /**
   * Writes bytes to {@code file} atomically (see the class comment).
   *
   * @param keepBackup whether to keep the previous content as {@code file.bak}
   */
  public static void writeAtomically(Path file, byte[] content, boolean keepBackup)
      throws IOException {
    Path target = throughLinks(file.toAbsolutePath());
    Path dir = target.getParent();
    Files.createDirectories(dir);
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (exists && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          "Cannot save to " + file + ": it is not a plain file (a folder, " + "pipe or device).");
    }
    String name = target.getFileName().toString();
    removeLeftovers(dir, name);
    PosixFileAttributes before = exists ? posix(target) : null;
    Path tmp = Files.createTempFile(dir, "." + name + ".", TMP);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      keepMode(tmp, before);
      if (keepBackup && exists) {
        backup(target, dir, name);
      }
      move(tmp, target);
      syncFolder(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Returns the file a path finally names, following symbolic links (also dangling ones). */
  static Path throughLinks(Path file) throws IOException {
    Path p = file;
    for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
      Path link = Files.readSymbolicLink(p);
      p = p.resolveSibling(link).normalize();
    }
    if (Files.isSymbolicLink(p)) {
      throw new IOException("Cannot save to " + file + ": its links go round in a circle.");
    }
    return p;
  }

  private static void backup(Path target, Path dir, String name) throws IOException {
    Path bak = dir.resolve(name + ".bak");
    Path tmp =
        dir.resolve(
            "." + name + ".bak." + ProcessHandle.current().pid() + "." + System.nanoTime() + TMP);
    try {
      try {
        Files.createLink(tmp, target); // the old content itself, already on disk
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(target, tmp, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      }
      move(tmp, bak);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes temp files of this file left by a save that was killed. */
  private static void removeLeftovers(Path dir, String name) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + name + ".*" + TMP)) {
      for (Path p : s) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // A leftover temp file is untidy, not harmful.
    }
  }

  private static PosixFileAttributes posix(Path file) {
    try {
      return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Gives the temp file the old file's mode and owner, or the usual rw-r--r-- for a new one. */
  private static void keepMode(Path tmp, PosixFileAttributes before) {
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      view.setPermissions(
          before != null ? before.permissions() : PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      // Keep the temp file's own mode.
    }
    if (before != null) {
      try {
        if (!before.owner().equals(view.readAttributes().owner())) {
          view.setOwner(before.owner());
        }
        if (!before.group().equals(view.readAttributes().group())) {
          view.setGroup(before.group());
        }
      } catch (IOException e) {
        // Only the owner's administrator may give a file away; the mode is kept regardless.
      }
    }
  }

  /** Flushes the folder so that the rename is on disk too (no-op where folders cannot open). */
  private static void syncFolder(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // Not supported on this system: the rename is still atomic, only less durable.
    }
  }
}
