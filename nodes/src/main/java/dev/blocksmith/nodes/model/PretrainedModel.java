package dev.blocksmith.nodes.model;

import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.ModelBundle;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "Pretrained model" block: provides a model to start from — one shipped with Blocksmith, a
 * Blocksmith model file, or a TorchScript file trained in PyTorch. Model-zoo downloads are checked
 * for a connection first and refused in plain words when there is none.
 */
public final class PretrainedModel implements NodeType {

  /** The model. */
  public static final Port<TrainedModel> MODEL =
      Port.of(
          "model",
          PortType.MODEL,
          TrainedModel.class,
          "Model",
          "The pretrained model with its class names and preprocessing.");

  /** Where the model comes from. */
  public static final Param<String> SOURCE =
      Param.choice("source")
          .setLabel("Start from")
          .setHelp(
              "A model shipped with Blocksmith, a model file saved by Save model, a "
                  + "TorchScript file trained in PyTorch, a picture network of your own (ONNX or "
                  + "TorchScript: it stays as it is and turns pictures into numbers, and Fine-tune "
                  + "trains a new last layer on them), or a download from the DJL model zoo "
                  + "(needs the internet).")
          .addChoice("shipped", "A model shipped with Blocksmith")
          .addChoice("file", "A Blocksmith model file (.bsmodel)")
          .addChoice("torchscript", "A TorchScript file from PyTorch (.pt)")
          .addChoice("onnx-network", "A picture network of your own, ONNX (.onnx), frozen")
          .addChoice(
              "torchscript-network", "A picture network of your own, TorchScript (.pt), frozen")
          .addChoice("zoo", "The DJL model zoo (download)")
          .optDefault("shipped")
          .build();

  /** Which shipped model. */
  public static final Param<String> BASE = baseParam();

  /** The model file. */
  public static final Param<String> FILE =
      Param.file("file")
          .setLabel("Model file")
          .setHelp(
              "The .bsmodel, .pt or .onnx file, relative to the pipeline's folder. A .pt file "
                  + "exported by Blocksmith needs the .json of the same name beside it (see "
                  + "docs/pytorch.md); a picture network of your own needs nothing beside it.")
          .optDefault("")
          .build();

  /** The zoo address. */
  public static final Param<String> ZOO_URL =
      Param.text("zooUrl")
          .setLabel("Model zoo address")
          .setHelp("A DJL model zoo address such as djl://ai.djl.pytorch/resnet.")
          .optDefault("")
          .optAdvanced(true)
          .build();

  /** The picture size a network of one's own expects. */
  public static final Param<Integer> INPUT_SIZE =
      Param.integer("inputSize")
          .setLabel("Network's picture size")
          .setHelp(
              "For a picture network of your own: pictures are resized to this width and height "
                  + "before it sees them (224 for most ImageNet networks).")
          .optDefault(224)
          .optRange(1.0, 1024.0)
          .optAdvanced(true)
          .build();

  /** Per-channel means. */
  public static final Param<String> MEAN =
      Param.text("mean")
          .setLabel("Network's channel means")
          .setHelp(
              "For a picture network of your own: subtracted from each channel (pixels scaled "
                  + "0–1), red, green, blue separated by commas, or one value for grayscale. "
                  + "ImageNet networks use 0.485, 0.456, 0.406.")
          .optDefault("0.485, 0.456, 0.406")
          .optAdvanced(true)
          .build();

  /** Per-channel spreads. */
  public static final Param<String> STD =
      Param.text("std")
          .setLabel("Network's channel spreads")
          .setHelp(
              "For a picture network of your own: each channel is divided by this after the "
                  + "mean is subtracted. ImageNet networks use 0.229, 0.224, 0.225.")
          .optDefault("0.229, 0.224, 0.225")
          .optAdvanced(true)
          .build();

  private static Param<String> baseParam() {
    Param.Builder<String> b =
        Param.choice("base")
            .setLabel("Shipped model")
            .setHelp(
                "Models that come with Blocksmith, each made by a pipeline in the graphs folder.")
            .optDefault(BaseModels.ALL.get(0).id());
    BaseModels.ALL.forEach(m -> b.addChoice(m.id(), m.label()));
    return b.build();
  }

  private static final NodeSpec SPEC =
      NodeSpec.builder("model.pretrained")
          .setDisplayName("Pretrained model")
          .setCategory(Category.MODEL)
          .setSummary("Start from a model that has already learned something.")
          .setWhatItDoes(
              "Opens a trained model: one that ships with Blocksmith, one you saved "
                  + "earlier, or one trained in PyTorch. Connect it to Fine-tune to teach it a new "
                  + "task, to Predict to use it, or to Evaluate to score it.")
          .optWhyItMatters(
              "Reusing what a model already learned saves data and time (transfer " + "learning).")
          .optWatchOutFor(
              "Give the model data like the data it learned from: same picture size, "
                  + "or the same columns.")
          .addOutput(MODEL)
          .addParam(SOURCE)
          .addParam(BASE)
          .addParam(FILE)
          .addParam(ZOO_URL)
          .addParam(INPUT_SIZE)
          .addParam(MEAN)
          .addParam(STD)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public List<ParamProblem> checkParams(Params params, Path baseDir) {
    List<ParamProblem> problems = new ArrayList<>();
    String source = params.get(SOURCE);
    if (!source.equals("shipped") && !source.equals("zoo")) {
      if (!params.isSet(FILE)) {
        problems.add(
            new ParamProblem(
                FILE.name(), "No model file is chosen.", "Choose the model file to open."));
      } else if (!Files.isRegularFile(params.path(FILE, baseDir))) {
        problems.add(
            new ParamProblem(
                FILE.name(),
                "There is no file at " + params.path(FILE, baseDir) + ".",
                "Choose an existing model file."));
      }
    }
    return problems;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    String source = params.get(SOURCE);
    String node = ctx.nodeId();
    ctx.checkCancelled();
    try {
      TrainedModel model =
          switch (source) {
            case "shipped" -> {
              String id = params.get(BASE);
              var base =
                  BaseModels.byId(id)
                      .orElseThrow(
                          () ->
                              NodeException.atParam(
                                  node,
                                  BASE.name(),
                                  "Blocksmith ships no model called \"" + id + "\".",
                                  "Pick one of the shipped models."));
              yield BaseModels.load(base);
            }
            case "file" -> ModelBundle.read(params.path(FILE, ctx.baseDir()));
            case "torchscript" -> TorchScriptImport.load(params.path(FILE, ctx.baseDir()));
            case "onnx-network", "torchscript-network" ->
                BackboneImport.load(
                    params.path(FILE, ctx.baseDir()),
                    source.startsWith("onnx") ? "onnx" : "torchscript",
                    params.get(INPUT_SIZE),
                    params.get(MEAN),
                    params.get(STD));
            default -> throw zoo(params.get(ZOO_URL), node);
          };
      if (model.preprocessing().pictureNetwork() != null) {
        var b = model.preprocessing().pictureNetwork().backbone();
        ctx.log(
            "Opened the picture network "
                + b.describe()
                + ": it turns each picture, resized to "
                + b.image().size()
                + "×"
                + b.image().size()
                + ", into "
                + b.dimensions()
                + " numbers and stays frozen; Fine-tune trains a new last layer on them.");
      } else {
        ctx.log("Opened " + model.headline() + " knowing " + model.labelNames() + ".");
      }
      return Outputs.of(MODEL, model);
    } catch (IOException | IncompatibleModelException e) {
      throw NodeException.atParam(
          node,
          source.equals("shipped") ? BASE.name() : FILE.name(),
          "Block \"" + node + "\" could not open the model: " + e.getMessage(),
          "Choose another model file, or save the model again with Save model.");
    }
  }

  private static NodeException zoo(String url, String node) {
    String what = url.isBlank() ? "a model from the DJL model zoo" : url;
    String why = ZooAccess.unreachable(url.isBlank() ? "djl://" + ZooAccess.ZOO_HOST : url);
    if (why != null) {
      return NodeException.atParam(
          node,
          SOURCE.name(),
          "Blocksmith could not reach the internet to download " + what + " (" + why + ").",
          "Choose a shipped base model or a model file on this computer instead.");
    }
    return NodeException.atParam(
        node,
        SOURCE.name(),
        "The model zoo is reachable, but Blocksmith cannot yet turn zoo models ("
            + what
            + ") into models its blocks can fine-tune.",
        "Choose a shipped base model or a model file on this computer instead.");
  }
}
