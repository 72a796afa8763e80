package dev.blocksmith.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.graph.GraphFormatException;
import dev.blocksmith.engine.graph.GraphJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The runs recorded under one runs folder, newest first: finding a run by name, the settings that
 * differ between runs, and writing a run's pipeline back out to reopen it.
 */
public final class RunHistory {
  /** A run.json larger than this is skipped (it is not one Blocksmith wrote). */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final Path root;
  private final List<PastRun> runs;

  private RunHistory(Path root, List<PastRun> runs) {
    this.root = root;
    this.runs = List.copyOf(runs);
  }

  /** Returns the runs under {@code root}, newest first; damaged or missing run.json are skipped. */
  public static RunHistory load(Path root) {
    List<PastRun> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return new RunHistory(root, out);
    }
    try (var dirs = Files.list(root)) {
      for (Path d : dirs.sorted(Comparator.reverseOrder()).toList()) {
        Path f = d.resolve("run.json");
        if (Files.isRegularFile(f) && Files.size(f) < MAX_BYTES) {
          try {
            out.add(
                new PastRun(
                    d.getFileName().toString(), d, GraphJson.mapper().readTree(f.toFile())));
          } catch (IOException e) {
            // A damaged run.json is skipped, not fatal.
          }
        }
      }
    } catch (IOException e) {
      return new RunHistory(root, out);
    }
    return new RunHistory(root, out);
  }

  /** Returns the runs folder. */
  public Path root() {
    return root;
  }

  /** Returns the runs, newest first. */
  public List<PastRun> runs() {
    return runs;
  }

  /**
   * Returns the run named by its folder name, a unique part of it, {@code last} or {@code last-N}.
   *
   * @throws IllegalArgumentException with a plain message when none or several match
   */
  public PastRun find(String key) {
    if (key.equals("last") || key.matches("last-\\d+")) {
      int back = key.equals("last") ? 0 : Integer.parseInt(key.substring(5));
      if (back >= runs.size()) {
        throw new IllegalArgumentException("There are only " + runs.size() + " runs.");
      }
      return runs.get(back);
    }
    List<PastRun> hits = runs.stream().filter(r -> r.id().contains(key)).toList();
    if (hits.size() != 1) {
      throw new IllegalArgumentException(
          hits.isEmpty()
              ? "No run matches '" + key + "'. See the list with: blocksmith runs"
              : "'" + key + "' matches " + hits.size() + " runs; give more of the name.");
    }
    return hits.get(0);
  }

  /**
   * Returns the rows of a side-by-side table: each key with one value per run ("—" where a run has
   * none), keys sorted; with {@code onlyDiffering}, only the keys whose values are not all equal.
   */
  public static Map<String, List<String>> sideBySide(
      List<Map<String, String>> columns, boolean onlyDiffering) {
    TreeSet<String> keys = new TreeSet<>();
    columns.forEach(c -> keys.addAll(c.keySet()));
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String k : keys) {
      List<String> vals = columns.stream().map(c -> c.getOrDefault(k, "—")).toList();
      if (!onlyDiffering || vals.stream().distinct().count() > 1) {
        rows.put(k, vals);
      }
    }
    return rows;
  }

  /** Returns the settings that differ between the runs, each with one value per run. */
  public static Map<String, List<String>> differingSettings(List<PastRun> runs) {
    return sideBySide(runs.stream().map(PastRun::settings).toList(), true);
  }

  /** Returns every metric of the runs, each with one value per run. */
  public static Map<String, List<String>> metrics(List<PastRun> runs) {
    List<Map<String, String>> cols = new ArrayList<>();
    for (PastRun r : runs) {
      Map<String, String> m = new LinkedHashMap<>();
      r.metrics().forEach((k, v) -> m.put(k, PastRun.format(v)));
      cols.add(m);
    }
    return sideBySide(cols, false);
  }

  /** Returns the names of the curves any of the runs has, sorted. */
  public static List<String> curveNames(List<PastRun> runs) {
    TreeSet<String> names = new TreeSet<>();
    runs.forEach(r -> names.addAll(r.curves().keySet()));
    return List.copyOf(names);
  }

  /**
   * Writes the pipeline of a run, exactly as it ran, to {@code target} (atomically) and returns it.
   *
   * @throws IllegalArgumentException when the run was recorded without its pipeline or the file
   *     cannot be written
   */
  public static Path writePipeline(PastRun run, Path target) {
    JsonNode p = run.pipeline();
    if (!p.isObject()) {
      throw new IllegalArgumentException(
          "Run " + run.id() + " was recorded without its pipeline (an older version).");
    }
    try {
      GraphFiles.writeAtomically(
          target,
          GraphJson.write(GraphJson.read(p.toString())).getBytes(StandardCharsets.UTF_8),
          false);
    } catch (IOException | GraphFormatException e) {
      throw new IllegalArgumentException("Could not write " + target + ": " + e.getMessage());
    }
    return target;
  }
}
