package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.bundle.BundleImport;
import dev.blocksmith.engine.bundle.BundleRefusedException;
import dev.blocksmith.engine.bundle.PipelineBundle;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphFormatException;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads a graph file for a command, turning every failure into one plain line. */
final class GraphLoader {
  private GraphLoader() {}

  /** A graph file that could not be read; the message is one line meant for the user. */
  static final class LoadFailure extends Exception {
    private static final long serialVersionUID = 1L;

    LoadFailure(String message) {
      super(message);
    }
  }

  /**
   * Returns the graph in {@code file}: a pipeline file, or a saved model ({@code .bsmodel}), whose
   * recorded recipe (the pipeline that made it) is returned so it can be run again.
   */
  static Graph load(Path file) throws LoadFailure {
    if (!Files.exists(file)) {
      throw new LoadFailure("Cannot read " + file + ": there is no such file.");
    }
    if (file.toString().endsWith(ModelBundle.EXTENSION)) {
      return recipeOf(file);
    }
    try {
      return GraphJson.read(file);
    } catch (GraphFormatException e) {
      throw new LoadFailure("Cannot read " + file + ": " + e.getMessage());
    } catch (NoSuchFileException e) {
      throw new LoadFailure("Cannot read " + file + ": there is no such file.");
    } catch (IOException e) {
      throw new LoadFailure("Cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Graph recipeOf(Path file) throws LoadFailure {
    try {
      Provenance provenance = ModelBundle.readProvenance(file);
      String json = provenance == null ? null : provenance.graphJson();
      if (json == null) {
        throw new LoadFailure(
            "The model "
                + file.getFileName()
                + " does not record the pipeline"
                + " that made it (it was made outside a pipeline run), so there is no recipe to run.");
      }
      return GraphJson.read(json);
    } catch (IOException | GraphFormatException e) {
      throw new LoadFailure("Cannot read the model " + file + ": " + e.getMessage());
    }
  }

  /**
   * Returns the pipeline file to use for {@code file}: itself, or for a bundle ({@code
   * .blocksmith}) the pipeline file in the folder it is safely extracted into (beside the bundle;
   * an earlier extraction of the same bundle is reused). Notes go to {@code err}.
   */
  static Path unbundle(Path file, java.io.PrintStream err) throws LoadFailure {
    if (!file.toString().endsWith(PipelineBundle.EXTENSION)) {
      return file;
    }
    try {
      BundleImport.Opened o =
          BundleImport.open(file, BundleImport.defaultParent(file), BundleImport.Limits.DEFAULTS);
      err.println(
          (o.reused() ? "Using the bundle's folder " : "Opened the bundle into ") + o.folder());
      o.notes().forEach(n -> err.println("Note: " + n));
      return o.graph();
    } catch (BundleRefusedException e) {
      throw new LoadFailure(e.getMessage());
    } catch (IOException e) {
      throw new LoadFailure("Cannot open the bundle " + file + ": " + e.getMessage());
    }
  }

  /** Returns the folder that relative paths in the graph are resolved against. */
  static Path baseDir(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }
}
