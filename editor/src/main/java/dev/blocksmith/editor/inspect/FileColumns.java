package dev.blocksmith.editor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.nodes.data.csv.CsvSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.swing.SwingUtilities;

/**
 * The columns of the CSV file that feeds a block, known before anything runs: the nearest Load CSV
 * at or above the block names a file, whose first rows ({@link CsvSample#DEFAULT_ROWS}) are read
 * once on a background thread; when they arrive, {@code onLoaded} runs on the EDT (to refresh the
 * form). Until then, and for blocks fed by no CSV file, the list is empty.
 */
public final class FileColumns {
  private static final CsvSample NONE = new CsvSample(List.of(), 0, false);
  private final Map<String, CsvSample> cache = new ConcurrentHashMap<>();
  private final Set<String> loading = ConcurrentHashMap.newKeySet();
  private final Runnable onLoaded;

  /** Creates the lookup; {@code onLoaded} runs on the EDT after a header was read. */
  public FileColumns(Runnable onLoaded) {
    this.onLoaded = onLoaded;
  }

  /** Returns the columns of the file feeding {@code nodeId}, or an empty list while unknown. */
  public List<String> of(Graph graph, String nodeId, Path baseDir) {
    return sample(graph, nodeId, baseDir).names();
  }

  /**
   * Returns the first rows of the file feeding {@code nodeId} (types, missing counts, preview,
   * guesses), or an empty sample while unknown; starts reading it when not yet read.
   */
  public CsvSample sample(Graph graph, String nodeId, Path baseDir) {
    Path file = sourceFile(graph, nodeId, baseDir);
    if (file == null) {
      return NONE;
    }
    String key;
    try {
      key = file + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
    } catch (java.io.IOException e) {
      return NONE;
    }
    CsvSample known = cache.get(key);
    if (known != null) {
      return known;
    }
    if (loading.add(key)) {
      Thread t =
          new Thread(
              () -> {
                CsvSample read;
                try {
                  read = CsvSample.read(file, CsvSample.DEFAULT_ROWS);
                } catch (java.io.IOException | RuntimeException e) {
                  read = NONE; // Load CSV reports what is wrong with the file when it runs
                }
                cache.put(key, read);
                loading.remove(key);
                SwingUtilities.invokeLater(onLoaded);
              },
              "read-csv-sample");
      t.setDaemon(true);
      t.start();
    }
    return NONE;
  }

  private static Path sourceFile(Graph graph, String nodeId, Path baseDir) {
    Deque<String> todo = new ArrayDeque<>(List.of(nodeId));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String id = todo.poll();
      if (!seen.add(id)) {
        continue;
      }
      Node n = graph.node(id).orElse(null);
      if (n == null) {
        continue;
      }
      JsonNode file = n.params().get("file");
      if (n.type().equals("data.load-csv")
          && file != null
          && file.isTextual()
          && !file.asText().isBlank()) {
        Path p = Path.of(file.asText());
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
      }
      for (Edge e : graph.edgesInto(id)) {
        todo.add(e.from().node());
      }
    }
    return null;
  }
}
