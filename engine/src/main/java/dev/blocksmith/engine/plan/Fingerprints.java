package dev.blocksmith.engine.plan;

import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import dev.blocksmith.engine.spi.Params;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

/**
 * Fingerprints of the files and folders a block reads or writes, computed by the engine for every
 * {@link ParamType#FILE} and {@link ParamType#FOLDER} param (blocks do not do it themselves): a
 * file's size and modification time, plus a hash of its content when it is small; a folder's
 * recursive listing (relative names, sizes and times, bounded). A changed file or an added picture
 * therefore changes the node's signature and it runs again.
 */
public final class Fingerprints {
  /** Files up to this size are also hashed by content (a touch without change keeps nothing). */
  public static final long HASH_LIMIT = 1 << 20;

  /** Most entries of a folder listing that are read; a bigger folder adds a marker instead. */
  public static final int MAX_ENTRIES = 200_000;

  /** Deepest folder level listed. */
  public static final int MAX_DEPTH = 32;

  private Fingerprints() {}

  /**
   * Returns "name=fingerprint;" for every FILE or FOLDER param the node reads. Params it declares
   * as {@link NodeSpec#writes() written} are outputs, not inputs, so they are left out (the
   * executor checks them after the fact).
   */
  public static String ofPathParams(NodeSpec spec, Params params, Path baseDir) {
    StringBuilder sb = new StringBuilder();
    for (ParamSpec p : spec.params()) {
      boolean path = p.type() == ParamType.FILE || p.type() == ParamType.FOLDER;
      if (path && !spec.writes().contains(p.name())) {
        sb.append(p.name()).append('=').append(of(spec, p, params, baseDir)).append(';');
      }
    }
    return sb.toString();
  }

  /** Returns the fingerprint of what one path param names ("" when unset). */
  public static String of(NodeSpec spec, ParamSpec p, Params params, Path baseDir) {
    Param<String> key = Param.wrap(p, String.class);
    if (!params.isSet(key)) {
      return "";
    }
    try {
      return of(params.path(key, baseDir));
    } catch (RuntimeException e) {
      return "unreadable:" + e.getClass().getSimpleName();
    }
  }

  /** Returns the fingerprint of a file or folder; "missing" when there is nothing there. */
  public static String of(Path path) {
    try {
      if (Files.isRegularFile(path)) {
        return file(path);
      }
      if (Files.isDirectory(path)) {
        return folder(path);
      }
      return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? "special" : "missing";
    } catch (IOException e) {
      return "unreadable:" + e.getMessage();
    }
  }

  private static String file(Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    String head = "file:" + a.size() + ":" + a.lastModifiedTime().toMillis();
    if (a.size() > HASH_LIMIT) {
      return head;
    }
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buf = new byte[8192];
      long left = HASH_LIMIT + 1;
      for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) {
        sha.update(buf, 0, n);
        left -= n;
      }
    }
    return head + ":" + HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  private static String folder(Path root) throws IOException {
    List<String> entries = new ArrayList<>();
    boolean[] truncated = {false};
    Files.walkFileTree(
        root,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            if (entries.size() >= MAX_ENTRIES) {
              truncated[0] = true;
              return FileVisitResult.TERMINATE;
            }
            entries.add(
                root.relativize(f)
                    + "|"
                    + a.size()
                    + "|"
                    + a.lastModifiedTime().toMillis()
                    + (a.isDirectory() ? "/" : ""));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            entries.add(root.relativize(f) + "|unreadable");
            return FileVisitResult.CONTINUE;
          }
        });
    entries.sort(null);
    MessageDigest sha = sha256();
    for (String e : entries) {
      sha.update(e.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return "folder:"
        + entries.size()
        + (truncated[0] ? "+" : "")
        + ":"
        + HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
