package dev.blocksmith.editor.app;

import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Provenance;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the recipe of a saved model: the pipeline that produced it. Model files are plain zip and
 * JSON; the recipe is read without the weights ({@link ModelBundle#readProvenance}), so opening one
 * does not load the deep-learning engine into the editor.
 */
final class ModelRecipe {
  private ModelRecipe() {}

  /** Returns whether the file is a saved model rather than a pipeline. */
  static boolean isModel(Path file) {
    return file.getFileName().toString().endsWith(ModelBundle.EXTENSION);
  }

  /** Returns the pipeline recorded in a model file. */
  static Graph read(Path file) throws Exception {
    Provenance provenance = ModelBundle.readProvenance(file);
    String json = provenance == null ? null : provenance.graphJson();
    if (json == null) {
      throw new IOException(
          file.getFileName()
              + " does not record the pipeline that made it, so"
              + " there is no recipe to open. Use it in a pipeline with the Pretrained model block.");
    }
    return GraphJson.read(json);
  }
}
