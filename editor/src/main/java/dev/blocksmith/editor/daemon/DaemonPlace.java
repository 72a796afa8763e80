package dev.blocksmith.editor.daemon;

import dev.blocksmith.engine.home.AppDirs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Where the background process of this user, these folders and this exact build listens: a socket
 * {@code <cache>/daemon/<hash>.sock} in a folder only the user can enter (0700). The key names
 * everything a run depends on that a running process cannot change: the build (the jar's path, size
 * and modification time), the Java installation, the user folders ({@link AppDirs}), every {@code
 * BLOCKSMITH_*} variable and every {@code blocksmith.*} and {@code ai.djl.*} property (but the
 * daemon's own switches, {@code BLOCKSMITH_DAEMON*} and {@code blocksmith.daemon*}). A client whose
 * key differs finds another socket name, so a process of another build is never used; the server
 * compares the whole key again when a client connects.
 *
 * @param folder the socket folder
 * @param key the whole key (sent by the client, compared by the server)
 */
public record DaemonPlace(Path folder, String key) {
  /** The longest socket path Linux accepts (sun_path is 108 bytes with its terminating zero). */
  static final int MAX_SOCKET_PATH = 107;

  /** Returns the place for this process's build, environment and properties. */
  public static DaemonPlace current() {
    return of(System.getenv(), System.getProperties(), codeLocation());
  }

  /**
   * Returns the place for the given environment, properties and build.
   *
   * @param build the jar (or class folder) the code runs from, or null when unknown
   */
  static DaemonPlace of(Map<String, String> env, Properties props, Path build) {
    AppDirs dirs = AppDirs.resolve(env, props);
    StringBuilder k = new StringBuilder("blocksmith-daemon 1\n");
    k.append("build ").append(buildIdentity(build)).append('\n');
    k.append("java ")
        .append(props.getProperty("java.home"))
        .append(' ')
        .append(props.getProperty("java.version"))
        .append('\n');
    k.append("user ").append(props.getProperty("user.name")).append('\n');
    // Plain loops and StringBuilder: lambdas, streams, String.format, a record's toString and even
    // `+` on strings (an invokedynamic call site) each cost this small client milliseconds of
    // start-up. An empty variable counts as unset.
    k.append("dirs ")
        .append(dirs.data())
        .append(' ')
        .append(dirs.cache())
        .append(' ')
        .append(dirs.config())
        .append(' ')
        .append(dirs.runs())
        .append(' ')
        .append(dirs.plugins())
        .append('\n');
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String n = e.getKey();
      if (n.startsWith("BLOCKSMITH_")
          && !n.startsWith("BLOCKSMITH_DAEMON")
          && !e.getValue().isEmpty()) {
        sorted.put("env ".concat(n), e.getValue());
      }
    }
    for (String n : props.stringPropertyNames()) {
      if ((n.startsWith("blocksmith.") || n.startsWith("ai.djl."))
          && !n.startsWith("blocksmith.daemon")) {
        sorted.put("prop ".concat(n), props.getProperty(n));
      }
    }
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      k.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    return new DaemonPlace(dirs.cache().resolve("daemon"), k.toString());
  }

  /** Returns a short stable name for the key (two 32-bit checksums of it, in hex). */
  public String hash() {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(b);
    String a = Long.toHexString(crc.getValue());
    String b2 = Long.toHexString(key.hashCode() & 0xffffffffL);
    return new StringBuilder(16)
        .append("0".repeat(8 - a.length()))
        .append(a)
        .append("0".repeat(8 - b2.length()))
        .append(b2)
        .toString();
  }

  /** Returns the socket the process listens on. */
  public Path socket() {
    return folder.resolve(hash().concat(".sock"));
  }

  /** Returns the lock file only one process of this key holds. */
  Path lock() {
    return folder.resolve(hash().concat(".lock"));
  }

  /** Returns the background process's log. */
  public Path log() {
    return folder.resolve(hash().concat(".log"));
  }

  /** Returns whether the socket path fits what the operating system accepts. */
  boolean fits() {
    return socket().toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH;
  }

  /**
   * Creates the socket folder for the user alone (0700) and returns it; refuses a folder that is a
   * link, or that another user owns or can enter.
   *
   * @throws IOException when the folder cannot be made private
   */
  Path secureFolder() throws IOException {
    Set<PosixFilePermission> own = PosixFilePermissions.fromString("rwx------");
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(folder.getParent());
      try {
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(own));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // made by another process meanwhile; checked below
      }
    }
    BasicFileAttributes a =
        Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!a.isDirectory()) {
      throw new IOException(folder + " is not a folder (or is a link)");
    }
    String owner = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName();
    if (!owner.equals(System.getProperty("user.name"))) {
      throw new IOException(folder + " belongs to " + owner);
    }
    if (!Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(own)) {
      Files.setPosixFilePermissions(folder, own);
    }
    return folder;
  }

  /** Returns the jar (or class folder) this code runs from, or null. */
  static Path codeLocation() {
    try {
      var src = DaemonPlace.class.getProtectionDomain().getCodeSource();
      return src == null ? null : Path.of(src.getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** Returns the build's path, size and modification time (what changes with every build). */
  static String buildIdentity(Path build) {
    if (build == null) {
      return "unknown";
    }
    try {
      BasicFileAttributes a = Files.readAttributes(build, BasicFileAttributes.class);
      return new StringBuilder()
          .append(build.toAbsolutePath())
          .append(' ')
          .append(a.size())
          .append(' ')
          .append(a.lastModifiedTime().toMillis())
          .toString();
    } catch (IOException e) {
      return build.toAbsolutePath() + " unreadable";
    }
  }
}
