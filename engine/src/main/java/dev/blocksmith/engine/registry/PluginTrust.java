package dev.blocksmith.engine.registry;

import dev.blocksmith.engine.graph.GraphFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which plugin jars the user has trusted. A plugin is code that runs with the user's rights, so a
 * jar loads only after the user has seen its SHA-256 and trusted exactly those bytes: a changed jar
 * has another hash and must be trusted again. The list is {@code trusted.txt} in the plugins
 * folder, one {@code sha256 file-name} per line, read strictly: a hash is exactly 64 hex digits, a
 * name is a plain {@code .jar} file name without control characters; any other line trusts nothing
 * and is reported.
 */
public final class PluginTrust {
  /** The file that lists trusted hashes, inside the plugins folder. */
  public static final String FILE = "trusted.txt";

  /** The largest trust list read (a list of hashes; anything bigger is not one). */
  static final int MAX_BYTES = 1 << 20;

  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64})[ \\t]+(\\S(?:.*\\S)?)");

  /**
   * One trusted jar.
   *
   * @param sha256 the hash of the trusted bytes, 64 lowercase hex digits
   * @param fileName the jar's file name when it was trusted (for the reader; the hash decides)
   */
  public record Entry(String sha256, String fileName) {}

  /**
   * A trust list as read.
   *
   * @param entries the well-formed entries
   * @param problems the lines that trust nothing, each with its number and why
   */
  public record Parsed(List<Entry> entries, List<String> problems) {
    /** Copies the lists. */
    public Parsed {
      entries = List.copyOf(entries);
      problems = List.copyOf(problems);
    }

    /** Returns the trusted hashes. */
    public Set<String> hashes() {
      Set<String> out = new LinkedHashSet<>();
      entries.forEach(e -> out.add(e.sha256()));
      return out;
    }
  }

  private PluginTrust() {}

  /**
   * Returns the trust list in {@code text}: blank lines and {@code #} comments are skipped; every
   * other line must be {@code HASH NAME}. Never throws.
   */
  public static Parsed parse(String text) {
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      String why;
      if (!m.matches()) {
        why = "it is not a 64-digit SHA-256, spaces and a jar's file name";
      } else {
        why = nameProblem(m.group(2));
        if (why == null) {
          entries.add(new Entry(m.group(1).toLowerCase(Locale.ROOT), m.group(2)));
          continue;
        }
      }
      problems.add("line " + (i + 1) + " of " + FILE + " trusts nothing: " + why + ".");
    }
    return new Parsed(entries, problems);
  }

  /** Returns the text of a trust list holding {@code entries}, one line each. */
  static String format(List<Entry> entries) {
    StringBuilder sb =
        new StringBuilder("# Plugin jars trusted to run in Blocksmith: SHA-256 and file name.\n");
    for (Entry e : entries) {
      sb.append(e.sha256()).append("  ").append(e.fileName()).append('\n');
    }
    return sb.toString();
  }

  /**
   * Returns why {@code name} cannot be a trusted jar's name, or null: it must be a plain file name
   * ending in {@code .jar}, at most 255 characters, without control, format or line-separator
   * characters (a name with a newline could otherwise add a line of its own to the list).
   */
  public static String nameProblem(String name) {
    if (name == null || name.isEmpty() || name.length() > 255) {
      return "the file name is empty or too long";
    }
    for (int i = 0; i < name.length(); i++) {
      int t = Character.getType(name.charAt(i));
      if (Character.isISOControl(name.charAt(i))
          || t == Character.FORMAT
          || t == Character.LINE_SEPARATOR
          || t == Character.PARAGRAPH_SEPARATOR
          || t == Character.SURROGATE && !validSurrogate(name, i)) {
        return "the file name " + SpecCheck.quote(name) + " contains control characters";
      }
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.startsWith(".")) {
      return "the file name " + SpecCheck.quote(name) + " is not a plain file name";
    }
    if (!name.endsWith(".jar") || !name.strip().equals(name)) {
      return "the file name " + SpecCheck.quote(name) + " is not a .jar name";
    }
    return null;
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /**
   * Returns the trust list of {@code pluginsDir} (empty when there is none). A list that is not a
   * regular file, is larger than 1 MiB, is not UTF-8, or can be written by other users trusts
   * nothing, and says why.
   */
  public static Parsed read(Path pluginsDir) throws IOException {
    Path f = pluginsDir.resolve(FILE);
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return new Parsed(List.of(), List.of());
    }
    if (!Files.isRegularFile(f)) {
      return refused(f + " is not a regular file");
    }
    if (Files.size(f) > MAX_BYTES) {
      return refused(f + " is larger than 1 MiB, so it is not a list of hashes");
    }
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(f);
      if (mode.contains(PosixFilePermission.GROUP_WRITE)
          || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
        return refused(
            f + " can be changed by other users; make it yours alone (chmod 600) and trust again");
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to check
    }
    byte[] bytes = Files.readAllBytes(f);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return refused(f + " is not UTF-8 text");
    }
    return parse(text);
  }

  private static Parsed refused(String why) {
    return new Parsed(List.of(), List.of("No plugin is trusted: " + why + "."));
  }

  /** Returns the trusted hashes recorded in {@code pluginsDir} (none when there is no list). */
  public static Set<String> trusted(Path pluginsDir) throws IOException {
    return read(pluginsDir).hashes();
  }

  /** Returns whether this jar's bytes, as hashed when it was found, are trusted. */
  public static boolean isTrusted(Path pluginsDir, PluginJars.Jar jar) throws IOException {
    return trusted(pluginsDir).contains(jar.sha256());
  }

  /**
   * Records that the user trusts this jar's bytes (as hashed when it was found). The list is
   * rewritten from its parsed entries, so a malformed line is dropped rather than kept.
   *
   * @throws IllegalArgumentException when the jar's name could not be written as one line
   * @throws SecurityException when called from a plugin's code
   */
  public static void trust(Path pluginsDir, PluginJars.Jar jar) throws IOException {
    if (PluginClassLoader.calledByPlugin()) {
      throw new SecurityException("A plugin cannot change which plugins are trusted.");
    }
    String name = jar.path().getFileName().toString();
    String why = nameProblem(name);
    if (why != null) {
      throw new IllegalArgumentException(
          "The plugin cannot be trusted under this name: " + why + ". Rename the file first.");
    }
    if (!jar.sha256().matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256: " + SpecCheck.quote(jar.sha256()));
    }
    Parsed now = read(pluginsDir);
    List<Entry> entries = new ArrayList<>(now.entries());
    if (!now.hashes().contains(jar.sha256())) {
      entries.add(new Entry(jar.sha256(), name));
    }
    Path f = pluginsDir.resolve(FILE);
    GraphFiles.writeAtomically(f, format(entries).getBytes(StandardCharsets.UTF_8), false);
    try {
      Files.setPosixFilePermissions(
          f, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }
}
