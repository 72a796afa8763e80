package dev.blocksmith.bench;

import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How the data blocks and Train grow with rows: writes a CSV of N rows (8 numbers, 2 categories, a
 * few gaps and duplicates, a two-class label), runs Load CSV → Clean → Encode → Normalize → Split →
 * Train (MLP, 1 epoch) in one graph, and prints each block's own time and the process's peak RSS.
 * One JVM per size (bench/run-scale). Not a test.
 */
public final class ScaleBench {
  private ScaleBench() {}

  /** Argument: the row count. */
  public static void main(String[] args) throws Exception {
    int rows = Integer.parseInt(args[0]);
    Path dir = Files.createTempDirectory("scale");
    Path csv = dir.resolve("data.csv");
    write(csv, rows);
    Graph graph = GraphJson.read(graphJson(csv));
    Map<String, Long> millis = new LinkedHashMap<>();
    try (EngineSession session = new EngineSession(NodeRegistry.loadInstalled(), dir)) {
      RunResult r =
          session
              .start(
                  graph,
                  dir,
                  new RunOptions(null, "cpu", 42L, false),
                  e -> {
                    if (e instanceof RunEvent.NodeFinished f) {
                      millis.put(f.nodeId(), f.millis());
                    }
                  })
              .result()
              .get();
      if (!r.success()) {
        throw new IllegalStateException(r.messages().toString());
      }
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "SCALE %d", rows));
    millis.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    line.append(" peakRssMb=").append(peakRssMb());
    System.out.println(line);
  }

  private static long peakRssMb() throws Exception {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmHWM:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static void write(Path csv, int rows) throws Exception {
    Random r = new Random(1);
    String[] colours = {"red", "green", "blue", "grey"};
    String[] towns = {"north", "south", "east", "west", "centre"};
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      w.write("a,b,c,d,e,f,g,h,colour,town,label\n");
      for (int i = 0; i < rows; i++) {
        double s = 0;
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < 8; j++) {
          double v = r.nextGaussian();
          s += v * (j % 2 == 0 ? 1 : -0.5);
          line.append(r.nextInt(500) == 0 ? "" : String.format(Locale.ROOT, "%.4f", v)).append(',');
        }
        line.append(colours[r.nextInt(4)]).append(',').append(towns[r.nextInt(5)]).append(',');
        line.append(s > 0 ? "yes" : "no").append('\n');
        w.write(line.toString());
        if (r.nextInt(1000) == 0) {
          w.write(line.toString());
        }
      }
    }
  }

  private static String graphJson(Path csv) {
    return """
        {"formatVersion": 2, "name": "scale",
         "nodes": [
          {"id": "load", "type": "data.load-csv", "typeVersion": 1,
           "params": {"file": "%s", "label": "label"}},
          {"id": "clean", "type": "prepare.clean", "typeVersion": 1,
           "params": {"dropDuplicates": true, "missing": "drop-rows"}},
          {"id": "encode", "type": "prepare.encode", "typeVersion": 1, "params": {}},
          {"id": "normalize", "type": "prepare.normalize", "typeVersion": 1, "params": {}},
          {"id": "split", "type": "prepare.split", "typeVersion": 1, "params": {}},
          {"id": "train", "type": "train.train", "typeVersion": 1,
           "params": {"architecture": "mlp", "hiddenSizes": [64], "epochs": 1, "batchSize": 256,
                      "patience": 0}}],
         "edges": [{"from": "load.table", "to": "clean.table"},
                   {"from": "clean.table", "to": "encode.table"},
                   {"from": "encode.table", "to": "normalize.table"},
                   {"from": "normalize.table", "to": "split.data"},
                   {"from": "split.train", "to": "train.train"},
                   {"from": "split.validation", "to": "train.validation"}]}
        """
        .formatted(csv.toString());
  }
}
