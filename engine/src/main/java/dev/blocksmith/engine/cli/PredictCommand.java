package dev.blocksmith.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.validate.Problem;
import dev.blocksmith.engine.value.Table;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code predict MODEL DATA [--out FILE]}: lets a saved model answer for a CSV file or a folder of
 * images (sorted into class sub-folders or not) and writes a CSV with the original columns plus
 * {@code predicted} and {@code confidence}. It runs the pipeline Pretrained model → Load CSV / Load
 * images → Predict through the engine, so the result is exactly what the Predict block gives.
 */
@Command(
    name = "predict",
    description = "Let a saved model answer for a CSV file or a folder of images.")
final class PredictCommand implements Callable<Integer> {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final Cli.Env env;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.bsmodel).")
  Path model;

  @Parameters(
      index = "1",
      paramLabel = "DATA",
      description = "A CSV file, or a folder of images (sorted into class sub-folders or not).")
  Path data;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the predictions to this CSV file instead of printing them.")
  Path out;

  @Option(
      names = "--overwrite",
      description = "Replace the --out file even when Blocksmith did not write it.")
  boolean overwrite;

  @Option(names = "--device", description = "cpu, gpu or gpu:N (default: GPU when present).")
  String device;

  PredictCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    TrainedModel trained;
    try {
      trained = ModelBundle.read(model);
    } catch (IOException | IncompatibleModelException e) {
      env.err().println(e.getMessage());
      return 2;
    }
    Preprocessing pre = trained.preprocessing();
    boolean images = pre.input() == Preprocessing.Input.IMAGES;
    if (!Files.exists(data)) {
      env.err().println("There is no file or folder at " + data + ".");
      return 2;
    }
    if (images != Files.isDirectory(data)) {
      env.err()
          .println(
              images
                  ? "This model reads images: give a folder of pictures "
                      + "(sorted into class sub-folders or not), not "
                      + data.getFileName()
                      + "."
                  : "This model reads table rows: give a CSV file, not the folder " + data + ".");
      return 2;
    }
    String refusal =
        out == null
            ? null
            : OutputGuard.refusal(
                out, List.of(model, data), overwrite, "predictions", "--overwrite");
    if (refusal != null) {
      env.err().println(refusal);
      return 2;
    }
    Graph g = graph(trained, images);
    Path runs = Files.createTempDirectory("blocksmith-predict");
    try (EngineSession session = new EngineSession(env.registry(), runs)) {
      List<Problem> problems = session.validate(g, data.toAbsolutePath().getParent());
      if (problems.stream().anyMatch(p -> !p.isWarning())) {
        problems.forEach(p -> env.err().println(p.describe()));
        return 2;
      }
      RunResult r;
      try {
        r =
            session
                .start(
                    g,
                    data.toAbsolutePath().getParent(),
                    new RunOptions(Set.of(), device, null, false),
                    e -> {})
                .result()
                .get();
      } catch (ExecutionException e) {
        env.err().println("Prediction stopped unexpectedly: " + e.getCause());
        return 1;
      }
      if (!r.success()) {
        r.messages().values().forEach(m -> env.err().println(m));
        return 1;
      }
      Table table = (Table) r.output("predict", "table");
      if (out == null) {
        TableCsv.write(table, new OutputStreamWriter(env.out(), StandardCharsets.UTF_8));
      } else {
        StringWriter csv = new StringWriter();
        TableCsv.write(table, csv);
        GraphFiles.writeAtomically(out, csv.toString().getBytes(StandardCharsets.UTF_8), false);
        env.out().println("Wrote " + table.rowCount() + " predictions to " + out + ".");
      }
      return 0;
    } finally {
      deleteQuietly(runs);
    }
  }

  private Graph graph(TrainedModel trained, boolean images) {
    Map<String, JsonNode> source = new LinkedHashMap<>();
    source.put("source", F.textNode("file"));
    source.put("file", F.textNode(model.toAbsolutePath().toString()));
    Map<String, JsonNode> load = new LinkedHashMap<>();
    if (images) {
      List<Integer> chw = trained.preprocessing().imageShape();
      load.put("folder", F.textNode(data.toAbsolutePath().toString()));
      load.put("size", F.numberNode(chw.get(2)));
      load.put("colour", F.textNode(chw.get(0) == 3 ? "colour" : "grayscale"));
    } else {
      load.put("file", F.textNode(data.toAbsolutePath().toString()));
    }
    List<Node> nodes =
        List.of(
            new Node("model", "model.pretrained", 1, null, source),
            new Node("data", images ? "data.load-images" : "data.load-csv", 1, null, load),
            Node.of("predict", "output.predict"));
    List<Edge> edges =
        List.of(
            Edge.of("model.model", "predict.model"),
            Edge.of(images ? "data.images" : "data.table", "predict.data"));
    return new Graph("Predict", "", nodes, edges, Layout.EMPTY, Map.of());
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is harmless.
    }
  }
}
