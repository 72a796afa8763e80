package dev.blocksmith.engine.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds plugin jars in a folder and gives the class loader that sees them. A plugin is code: the
 * editor shows each jar's SHA-256 before first use, so these are listed with their hashes.
 */
public final class PluginJars {

  /**
   * A plugin jar found on disk.
   *
   * @param path the jar
   * @param sha256 its SHA-256 hash, hex
   */
  public record Jar(Path path, String sha256) {}

  private PluginJars() {}

  /** Returns the jars in {@code dir} (none when it does not exist), sorted by name. */
  public static List<Jar> find(Path dir) throws IOException {
    List<Jar> out = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        out.add(new Jar(p, sha256(p)));
      }
    }
    return out;
  }

  /** Returns a class loader that sees the given jars on top of {@code parent}. */
  public static ClassLoader loaderFor(List<Jar> jars, ClassLoader parent) {
    List<URL> urls = new ArrayList<>();
    for (Jar j : jars) {
      try {
        urls.add(j.path().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("cannot use plugin path " + j.path(), e);
      }
    }
    return urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(URL[]::new), parent);
  }

  /**
   * Returns the registry of built-in blocks plus the packs in the <em>trusted</em> jars of {@code
   * dir}. Jars the user has not trusted (see {@link PluginTrust}) are not loaded; each is reported
   * as a load problem naming its hash and how to trust it.
   */
  public static NodeRegistry loadRegistry(Path dir) throws IOException {
    List<Jar> trusted = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Jar jar : find(dir)) {
      if (PluginTrust.isTrusted(dir, jar)) {
        trusted.add(jar);
      } else {
        problems.add(
            "The plugin "
                + jar.path().getFileName()
                + " was not loaded: a plugin is a"
                + " program, and this one has not been trusted yet (SHA-256 "
                + jar.sha256()
                + ")."
                + " If you know where it came from, run 'blocksmith plugins --trust "
                + jar.path().getFileName()
                + "'.");
      }
    }
    return NodeRegistry.load(loaderFor(trusted, NodeRegistry.class.getClassLoader()))
        .withProblems(problems);
  }

  /** Returns the SHA-256 of a file, as lowercase hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
