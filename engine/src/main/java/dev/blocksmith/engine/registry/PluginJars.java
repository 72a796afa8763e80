package dev.blocksmith.engine.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds plugin jars in a folder and loads the trusted ones. A plugin is code: the editor shows each
 * jar's SHA-256 before first use, so these are listed with their hashes. Each jar's bytes are read
 * once, hashed, and — when the hash is trusted — its classes are loaded from those same bytes in
 * memory ({@link PluginClassLoader}), so there is no window between the trust check and loading.
 */
public final class PluginJars {
  /** The largest plugin jar read. */
  static final long MAX_JAR_BYTES = 128L << 20;

  /**
   * A plugin jar found on disk.
   *
   * @param path the jar
   * @param sha256 its SHA-256 hash, hex
   */
  public record Jar(Path path, String sha256) {}

  /** Runs between the trust check and loading; tests swap a jar there. Does nothing normally. */
  interface AfterCheck {
    void run() throws IOException;
  }

  private PluginJars() {}

  /** Returns the jars in {@code dir} (none when it does not exist), sorted by name. */
  public static List<Jar> find(Path dir) throws IOException {
    List<Jar> out = new ArrayList<>();
    for (Path p : jarFiles(dir)) {
      out.add(new Jar(p, sha256(p)));
    }
    return out;
  }

  private static List<Path> jarFiles(Path dir) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    }
  }

  /**
   * Returns the registry of built-in blocks plus the packs in the <em>trusted</em> jars of {@code
   * dir}. Jars the user has not trusted (see {@link PluginTrust}) are not loaded; each is reported
   * as a load problem naming its hash and how to trust it.
   */
  public static NodeRegistry loadRegistry(Path dir) throws IOException {
    List<String> problems = new ArrayList<>();
    var builtIns = NodeRegistry.builtIns(NodeRegistry.class.getClassLoader(), problems);
    return loadRegistry(dir, builtIns, () -> {}).withProblems(problems);
  }

  /**
   * Returns a registry of {@code builtIns} plus the packs in the trusted jars of {@code dir} (for
   * tests and embedding).
   */
  public static NodeRegistry loadRegistry(
      Path dir, java.util.Collection<? extends dev.blocksmith.engine.spi.NodeType> builtIns)
      throws IOException {
    return loadRegistry(dir, builtIns, () -> {});
  }

  static NodeRegistry loadRegistry(
      Path dir,
      java.util.Collection<? extends dev.blocksmith.engine.spi.NodeType> builtIns,
      AfterCheck afterCheck)
      throws IOException {
    List<String> problems = new ArrayList<>();
    PluginTrust.Parsed trust = PluginTrust.read(dir);
    problems.addAll(trust.problems());
    Set<String> trusted = trust.hashes();
    List<PluginClassLoader.JarBytes> loaded = new ArrayList<>();
    List<byte[]> checked = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    for (Path p : jarFiles(dir)) {
      String name = p.getFileName().toString();
      String why = PluginTrust.nameProblem(name);
      if (why != null) {
        problems.add("A plugin jar was not loaded: " + why + ". Rename it to a plain name.");
        continue;
      }
      byte[] bytes;
      try {
        bytes = readBounded(p);
      } catch (IOException e) {
        problems.add("The plugin " + name + " could not be read: " + e.getMessage());
        continue;
      }
      String sha = sha256(bytes);
      if (!trusted.contains(sha)) {
        problems.add(
            "The plugin "
                + name
                + " was not loaded: a plugin is a"
                + " program, and this one has not been trusted yet (SHA-256 "
                + sha
                + ")."
                + " If you know where it came from, run 'blocksmith plugins --trust "
                + name
                + "'.");
        continue;
      }
      checked.add(bytes);
      paths.add(p);
    }
    afterCheck.run();
    for (int i = 0; i < checked.size(); i++) {
      byte[] bytes = checked.get(i);
      String name = paths.get(i).getFileName().toString();
      try {
        loaded.add(
            new PluginClassLoader.JarBytes(name, sha256(bytes), PluginClassLoader.unpack(bytes)));
      } catch (IOException e) {
        problems.add("The plugin " + name + " was not loaded: " + e.getMessage() + ".");
      }
    }
    ClassLoader app = NodeRegistry.class.getClassLoader();
    ClassLoader plugins = loaded.isEmpty() ? app : new PluginClassLoader(loaded, app);
    NodeRegistry r;
    try {
      r = NodeRegistry.load(builtIns, plugins);
    } catch (RuntimeException | LinkageError e) {
      r = NodeRegistry.of(builtIns);
      problems.add("The plugins could not be loaded, so none was (" + e + ").");
    }
    return r.withProblems(problems);
  }

  private static byte[] readBounded(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException("it is not a regular file");
    }
    try (InputStream in = Files.newInputStream(p)) {
      byte[] b = in.readNBytes((int) MAX_JAR_BYTES + 1);
      if (b.length > MAX_JAR_BYTES) {
        throw new IOException("it is larger than " + (MAX_JAR_BYTES >> 20) + " MiB");
      }
      return b;
    }
  }

  /** Returns the SHA-256 of a file, as lowercase hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = digest();
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    }
  }

  /** Returns the SHA-256 of some bytes, as lowercase hex. */
  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
