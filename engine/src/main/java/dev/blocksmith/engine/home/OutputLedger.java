package dev.blocksmith.engine.home;

import dev.blocksmith.engine.graph.GraphFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files Blocksmith's blocks wrote, with their size and time right after writing: {@code
 * outputs.tsv} in the data folder of {@link AppDirs}. A run may replace a file without asking only
 * when it is still exactly what Blocksmith wrote there (or its content says Blocksmith made it), so
 * a user's file that happens to have an output's name is never replaced silently. Bounded; a lost
 * entry only means the user is asked once more.
 */
public final class OutputLedger {
  /** The file's name in the data folder. */
  public static final String FILE_NAME = "outputs.tsv";

  static final int MAX_ENTRIES = 2000;

  private final Path file;

  /** Creates a ledger kept in {@code file}. */
  public OutputLedger(Path file) {
    this.file = file;
  }

  /** Returns the ledger of {@code AppDirs.current()}. */
  public static OutputLedger current() {
    return new OutputLedger(AppDirs.current().data().resolve(FILE_NAME));
  }

  /** Records that Blocksmith has just written {@code written} (a real, absolute path). */
  public synchronized void record(Path written) throws IOException {
    String key = written.toString();
    String stamp = stamp(written);
    if (stamp == null || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
      return;
    }
    Map<String, String> all = read();
    all.remove(key);
    all.put(key, stamp);
    while (all.size() > MAX_ENTRIES) {
      all.remove(all.keySet().iterator().next());
    }
    StringBuilder sb = new StringBuilder();
    all.forEach((path, s) -> sb.append(s).append('\t').append(path).append('\n'));
    GraphFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8), false);
  }

  /** Returns whether {@code path} (real, absolute) is still exactly what Blocksmith wrote there. */
  public boolean wrote(Path path) {
    String stamp = stamp(path);
    return stamp != null && stamp.equals(read().get(path.toString()));
  }

  private Map<String, String> read() {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          out.put(line.substring(tab + 1), line.substring(0, tab));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no ledger yet, or unreadable: nothing is known to be Blocksmith's
    }
    return out;
  }

  /** Returns "size:modified-ms" of a regular file, or null when there is none. */
  private static String stamp(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return a.isRegularFile() ? a.size() + ":" + a.lastModifiedTime().toMillis() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
