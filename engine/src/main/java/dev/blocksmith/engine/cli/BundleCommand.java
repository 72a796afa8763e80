package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.bundle.PipelineBundle;
import dev.blocksmith.engine.graph.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bundle GRAPH OUT.blocksmith}: packs a pipeline with the data files it reads (up to a
 * limit) and its saved models into one file to share; {@code run OUT.blocksmith} runs it.
 */
@Command(
    name = "bundle",
    description = "Pack a pipeline, its data files and saved models into one .blocksmith file.")
final class BundleCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Parameters(index = "0", paramLabel = "GRAPH", description = "The pipeline file (.json).")
  Path graph;

  @Parameters(index = "1", paramLabel = "OUT.blocksmith", description = "The bundle to write.")
  Path out;

  @Option(
      names = "--data-limit-mb",
      paramLabel = "MB",
      defaultValue = "50",
      description = "Include data files while together they stay under this size (default 50).")
  long limitMb;

  @Option(names = "--no-models", description = "Leave out the models the pipeline saved.")
  boolean noModels;

  @Option(names = "--no-lesson", description = "Leave out the pipeline's lesson.")
  boolean noLesson;

  BundleCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (!out.getFileName().toString().endsWith(PipelineBundle.EXTENSION)) {
      env.err().println("The bundle \"" + out + "\" should end with .blocksmith.");
      return 2;
    }
    if (limitMb < 0) {
      env.err().println("--data-limit-mb must be 0 or more.");
      return 2;
    }
    Graph g;
    try {
      g = GraphLoader.load(graph);
    } catch (GraphLoader.LoadFailure e) {
      env.err().println(e.getMessage());
      return 2;
    }
    try {
      PipelineBundle.Result r =
          PipelineBundle.write(
              g,
              graph.getFileName().toString(),
              GraphLoader.baseDir(graph),
              env.registry(),
              new PipelineBundle.Options(limitMb * 1024 * 1024, !noModels, !noLesson),
              out);
      env.out()
          .printf(
              Locale.ROOT,
              "Wrote %s (%,d bytes): the pipeline and %d %s; data limit %,d MB.%n",
              out,
              Files.size(out),
              r.included().size(),
              r.included().size() == 1 ? "file" : "files",
              limitMb);
      r.included()
          .forEach((name, size) -> env.out().printf(Locale.ROOT, "  %s (%,d bytes)%n", name, size));
      r.references().forEach(n -> env.out().println("Note: " + n));
      return 0;
    } catch (IOException e) {
      env.err().println("Could not write the bundle " + out + ": " + e.getMessage());
      return 2;
    }
  }
}
