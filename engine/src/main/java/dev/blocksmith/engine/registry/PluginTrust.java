package dev.blocksmith.engine.registry;

import dev.blocksmith.engine.graph.GraphFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which plugin jars the user has trusted. A plugin is code that runs with the user's rights, so a
 * jar loads only after the user has seen its SHA-256 and trusted exactly those bytes: a changed jar
 * has another hash and must be trusted again. The list is {@code trusted.txt} in the plugins
 * folder, one {@code sha256 file-name} per line.
 */
public final class PluginTrust {
  /** The file that lists trusted hashes, inside the plugins folder. */
  public static final String FILE = "trusted.txt";

  private PluginTrust() {}

  /** Returns the trusted hashes recorded in {@code pluginsDir} (none when there is no list). */
  public static Set<String> trusted(Path pluginsDir) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    Path f = pluginsDir.resolve(FILE);
    if (Files.isRegularFile(f)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t.split("\\s+")[0].toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return out;
  }

  /** Returns whether this jar's current bytes are trusted. */
  public static boolean isTrusted(Path pluginsDir, PluginJars.Jar jar) throws IOException {
    return trusted(pluginsDir).contains(jar.sha256());
  }

  /** Records that the user trusts this jar's current bytes. */
  public static void trust(Path pluginsDir, PluginJars.Jar jar) throws IOException {
    Path f = pluginsDir.resolve(FILE);
    StringBuilder sb = new StringBuilder();
    if (Files.isRegularFile(f)) {
      sb.append(Files.readString(f, StandardCharsets.UTF_8));
    } else {
      sb.append("# Plugin jars trusted to run in Blocksmith: SHA-256 and file name.\n");
    }
    if (!isTrusted(pluginsDir, jar)) {
      sb.append(jar.sha256()).append("  ").append(jar.path().getFileName()).append('\n');
    }
    GraphFiles.writeAtomically(f, sb.toString().getBytes(StandardCharsets.UTF_8), false);
  }
}
