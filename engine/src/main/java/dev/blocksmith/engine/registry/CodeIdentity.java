package dev.blocksmith.engine.registry;

import dev.blocksmith.engine.spi.NodeType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Names the code that computes a block's outputs, so that a cached result is never served to a
 * different build of Blocksmith or of a plugin (a disk cache outlives the program that filled it).
 * The identity of a block is a digest over the engine's code (which every block runs on) and the
 * code of the block's own class: for a jar, the name, CRC and size of every entry, read from its
 * directory without unpacking anything; for a class folder (tests, an IDE), the name and CRC of
 * every file; for a plugin, the SHA-256 of the jar its classes were loaded from. Each location is
 * digested once per process. Code whose location cannot be read gets a random identity, so its
 * results are reused within the process and never after it.
 */
public final class CodeIdentity {
  private static final Map<String, String> BY_LOCATION = new ConcurrentHashMap<>();
  private static final Map<Class<?>, String> BY_CLASS = new ConcurrentHashMap<>();

  private CodeIdentity() {}

  /** Returns the identity (64 hex digits) of the code that runs {@code type}. */
  public static String of(NodeType type) {
    NodeType t = type;
    while (t instanceof PackBlock p) {
      t = p.delegate();
    }
    return BY_CLASS.computeIfAbsent(
        t.getClass(), c -> digest(List.of(location(CodeIdentity.class), location(c))));
  }

  private static String location(Class<?> c) {
    CodeSource source =
        c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
    URL url = source == null ? null : source.getLocation();
    if (url == null) {
      return "unknown:" + UUID.randomUUID();
    }
    return BY_LOCATION.computeIfAbsent(url.toString(), u -> read(url));
  }

  static String read(URL url) {
    try {
      if ("blocksmith-plugin".equals(url.getProtocol())) {
        return "plugin:" + url.getHost(); // the SHA-256 of the jar bytes its classes came from
      }
      if (!"file".equals(url.getProtocol())) {
        return "unreadable:" + UUID.randomUUID();
      }
      Path p = Path.of(url.toURI());
      StringBuilder sb = new StringBuilder();
      if (Files.isDirectory(p)) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(p)) {
          all.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
          CRC32 crc = new CRC32();
          crc.update(Files.readAllBytes(f));
          sb.append(p.relativize(f)).append(' ').append(crc.getValue()).append('\n');
        }
      } else {
        try (ZipFile zip = new ZipFile(p.toFile())) {
          for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry z = e.nextElement();
            sb.append(z.getName())
                .append(' ')
                .append(z.getCrc())
                .append(' ')
                .append(z.getSize())
                .append('\n');
          }
        }
      }
      return digest(List.of(sb.toString()));
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unreadable:" + UUID.randomUUID();
    }
  }

  private static String digest(List<String> parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String s : parts) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
