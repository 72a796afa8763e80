package dev.blocksmith.nodes.output;

import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.TorchExport;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Outputs;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Save model" block: writes the model with its recipe to one {@code .bsmodel} file (and, if
 * asked, a safetensors copy for PyTorch) and passes the model on, so saving can sit mid-chain.
 */
public final class SaveModel implements NodeType {

  /** The model to save. */
  public static final Port<TrainedModel> MODEL_IN =
      Port.of(
          "model", PortType.MODEL, TrainedModel.class, "Model", "The model to write to a file.");

  /** The same model, passed through. */
  public static final Port<TrainedModel> MODEL_OUT =
      Port.of(
          "model",
          PortType.MODEL,
          TrainedModel.class,
          "Model",
          "The same model, unchanged, so more blocks can follow.");

  /** Where to write. */
  public static final Param<String> FILE =
      Param.file("file")
          .setLabel("Model file")
          .setHelp(
              "Where to save, such as models/digits.bsmodel. A relative path is taken from "
                  + "the folder of the pipeline file. An existing file is replaced safely: a crash "
                  + "never leaves half a file.")
          .optDefault("model.bsmodel")
          .optRequired(true)
          .build();

  /** Also export for PyTorch. */
  public static final Param<Boolean> SAFETENSORS =
      Param.bool("exportSafetensors")
          .setLabel("Also export for PyTorch")
          .setHelp(
              "Also write NAME.safetensors (the weights in the format PyTorch and Hugging "
                  + "Face use) and NAME.json (the architecture, labels and preprocessing) beside the "
                  + "model file. docs/pytorch.md shows how to load them in Python.")
          .optDefault(false)
          .optAdvanced(true)
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("output.save-model")
          .setDisplayName("Save model")
          .setCategory(Category.OUTPUT)
          .setSummary("Write the model to a file you can share and open again.")
          .setWhatItDoes(
              "Saves everything needed to use the model later in one file: the network's "
                  + "shape and weights, the class names, the preprocessing learned from the training "
                  + "data, the training curves and how it was made (seed, versions, device).")
          .optWhyItMatters(
              "A model is only useful if you can keep it: Predict and Pretrained model "
                  + "open this file, on this computer or another.")
          .optWatchOutFor(
              "The file holds the preprocessing too: give the model raw data shaped "
                  + "like the data it was trained on, not data you scaled yourself.")
          .addInput(MODEL_IN)
          .addOutput(MODEL_OUT)
          .addParam(FILE)
          .addParam(SAFETENSORS)
          .optWrites(FILE)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public List<ParamProblem> checkParams(Params params, Path baseDir) {
    return FileNames.checkExtension(params, FILE, ModelBundle.EXTENSION, "The model file");
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    TrainedModel model = inputs.get(MODEL_IN);
    Path file = params.path(FILE, ctx.baseDir());
    ctx.checkCancelled();
    try {
      ModelBundle.write(model, file);
      ctx.log(
          String.format(
              Locale.ROOT,
              "Saved %s to %s (%,d bytes).",
              model.headline(),
              file,
              Files.size(file)));
      if (params.get(SAFETENSORS)) {
        String base = file.getFileName().toString().replaceFirst("\\.bsmodel$", "");
        Path weights = file.resolveSibling(base + ".safetensors");
        Path arch = TorchExport.write(model, weights);
        ctx.log("Exported for PyTorch: " + weights + " and " + arch + ".");
      }
    } catch (IOException | IncompatibleModelException e) {
      throw NodeException.atParam(
          ctx.nodeId(),
          FILE.name(),
          "Block \""
              + ctx.nodeId()
              + "\" could not write the model to "
              + file
              + ": "
              + e.getMessage(),
          "Choose a folder you can write to, and check there is free disk space.");
    }
    return Outputs.of(MODEL_OUT, model);
  }
}
