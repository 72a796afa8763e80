package dev.blocksmith.engine.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Loads plugin classes and resources from jar bytes held in memory: the very bytes whose SHA-256
 * was checked against the trust list. Nothing is read from disk after the check, so swapping a jar
 * file between the check and a (possibly much later, lazy) class load cannot bring in other code.
 * The entries are unpacked once, with limits, so a zip bomb ends in a plain message.
 */
final class PluginClassLoader extends ClassLoader {
  /** The most a plugin jar may hold, unpacked. */
  static final long MAX_UNPACKED = 256L << 20;

  /** The most entries a plugin jar may hold. */
  static final int MAX_ENTRIES = 50_000;

  static {
    registerAsParallelCapable();
  }

  /** One checked jar: its file name, hash and unpacked entries. */
  record JarBytes(String fileName, String sha256, Map<String, byte[]> entries) {}

  private final List<JarBytes> jars;
  private final Map<String, ProtectionDomain> domains = new HashMap<>();
  private final URLStreamHandler handler = new Handler();

  PluginClassLoader(List<JarBytes> jars, ClassLoader parent) {
    super("blocksmith-plugins", parent);
    this.jars = List.copyOf(jars);
    for (JarBytes j : jars) {
      domains.put(
          j.sha256(),
          new ProtectionDomain(new CodeSource(url(j, ""), (Certificate[]) null), null, this, null));
    }
  }

  /**
   * Returns the entries of a jar, given its bytes.
   *
   * @throws IOException when it is not a readable jar or unpacks to more than the limits
   */
  static Map<String, byte[]> unpack(byte[] jar) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
      ZipEntry e;
      byte[] buf = new byte[1 << 16];
      while ((e = in.getNextEntry()) != null) {
        if (out.size() >= MAX_ENTRIES) {
          throw new IOException("it holds more than " + MAX_ENTRIES + " files");
        }
        var bytes = new java.io.ByteArrayOutputStream();
        for (int n; (n = in.read(buf)) > 0; ) {
          total += n;
          if (total > MAX_UNPACKED) {
            throw new IOException("it unpacks to more than " + (MAX_UNPACKED >> 20) + " MiB");
          }
          bytes.write(buf, 0, n);
        }
        if (!e.isDirectory() && out.putIfAbsent(e.getName(), bytes.toByteArray()) != null) {
          throw new IOException("it holds two files called " + SpecCheck.quote(e.getName()));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("it is not a readable jar (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new IOException("it is not a jar (no files in it)");
    }
    return out;
  }

  /** Returns where a class came from: a plugin jar's file name, or "class path". */
  static String sourceOf(Class<?> c) {
    if (c.getClassLoader() instanceof PluginClassLoader l) {
      String sha = l.jarOf(c.getName().replace('.', '/') + ".class");
      for (JarBytes j : l.jars) {
        if (j.sha256().equals(sha)) {
          return j.fileName();
        }
      }
    }
    return "class path";
  }

  /** Returns whether any caller on this thread's stack is a plugin class. */
  static boolean calledByPlugin() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(
            s ->
                s.anyMatch(
                    f -> f.getDeclaringClass().getClassLoader() instanceof PluginClassLoader));
  }

  private String jarOf(String entry) {
    for (JarBytes j : jars) {
      if (j.entries().containsKey(entry)) {
        return j.sha256();
      }
    }
    return null;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String entry = name.replace('.', '/') + ".class";
    for (JarBytes j : jars) {
      byte[] b = j.entries().get(entry);
      if (b != null) {
        return defineClass(name, b, 0, b.length, domains.get(j.sha256()));
      }
    }
    throw new ClassNotFoundException(name);
  }

  @Override
  protected URL findResource(String name) {
    for (JarBytes j : jars) {
      if (j.entries().containsKey(name)) {
        return url(j, name);
      }
    }
    return null;
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    List<URL> out = new ArrayList<>();
    for (JarBytes j : jars) {
      if (j.entries().containsKey(name)) {
        out.add(url(j, name));
      }
    }
    return Collections.enumeration(out);
  }

  private URL url(JarBytes j, String entry) {
    try {
      return new URL("blocksmith-plugin", j.sha256(), -1, "/" + entry, handler);
    } catch (MalformedURLException e) {
      throw new IllegalStateException("cannot name entry " + entry, e);
    }
  }

  /** Serves resource URLs from the unpacked entries. */
  private final class Handler extends URLStreamHandler {
    @Override
    protected URLConnection openConnection(URL u) throws IOException {
      String entry = u.getPath().isEmpty() ? "" : u.getPath().substring(1);
      byte[] bytes = null;
      for (JarBytes j : jars) {
        if (j.sha256().equals(u.getHost())) {
          bytes = j.entries().get(entry);
        }
      }
      if (bytes == null) {
        throw new IOException("no such plugin resource: " + u);
      }
      byte[] found = bytes;
      return new URLConnection(u) {
        @Override
        public void connect() {
          connected = true;
        }

        @Override
        public InputStream getInputStream() {
          return new ByteArrayInputStream(found);
        }

        @Override
        public int getContentLength() {
          return found.length;
        }
      };
    }
  }
}
