package dev.blocksmith.nodes.output;

import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.onnx.OnnxExport;
import dev.blocksmith.engine.onnx.OnnxExport.Precision;
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
 * The "Export to ONNX" block: writes the model, with its preprocessing inside, as an {@code .onnx}
 * file that ONNX Runtime runs in Python, in a browser or on a phone, and passes the model on.
 */
public final class ExportOnnx implements NodeType {

  /** The model to export. */
  public static final Port<TrainedModel> MODEL_IN =
      Port.of("model", PortType.MODEL, TrainedModel.class, "Model", "The model to export.");

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
          .setLabel("ONNX file")
          .setHelp(
              "Where to write, such as models/digits.onnx. A relative path is taken from the "
                  + "folder of the pipeline file; an existing file is replaced safely.")
          .optDefault("model.onnx")
          .optRequired(true)
          .build();

  /** How to store the weights. */
  public static final Param<String> WEIGHTS =
      Param.choice("weights")
          .setLabel("Weights")
          .setHelp(
              "How the file stores the weights. 8-bit integers make the file about 4× "
                  + "smaller for phones and browsers and change the scores very little.")
          .addChoice("as-stored", "As the model stores them (8-bit after Quantize)")
          .addChoice("float32", "32-bit floats, exactly like Blocksmith")
          .addChoice("int8", "8-bit integers, about 4× smaller")
          .optDefault("as-stored")
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("output.export-onnx")
          .setDisplayName("Export to ONNX")
          .setCategory(Category.OUTPUT)
          .setSummary("Write the model as an ONNX file for phones, browsers and servers.")
          .setWhatItDoes(
              "Writes the network, its weights and the preprocessing learned from the "
                  + "training data into one .onnx file, with the class names in its metadata. The "
                  + "file takes raw values (or pixels 0–255) and gives the same answers as Predict.")
          .optWhyItMatters(
              "ONNX is the common format for running models outside the tool that "
                  + "trained them: ONNX Runtime runs it in Python, JavaScript and Android apps "
                  + "(docs/deploy.md).")
          .optWatchOutFor(
              "Give the file one input per feature column, named as in its "
                  + "metadata; numbers as float64 (NaN when missing), categories as text.")
          .addInput(MODEL_IN)
          .addOutput(MODEL_OUT)
          .addParam(FILE)
          .addParam(WEIGHTS)
          .optWrites(FILE)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public List<ParamProblem> checkParams(Params params, Path baseDir) {
    return FileNames.checkExtension(params, FILE, OnnxExport.EXTENSION, "The ONNX file");
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    TrainedModel model = inputs.get(MODEL_IN);
    Path file = params.path(FILE, ctx.baseDir());
    Precision precision =
        switch (params.get(WEIGHTS)) {
          case "float32" -> Precision.FLOAT32;
          case "int8" -> Precision.INT8;
          default -> Precision.of(model);
        };
    ctx.checkCancelled();
    try {
      OnnxExport.write(model, precision, file);
      ctx.log(
          String.format(
              Locale.ROOT,
              "Exported %s to %s (weights %s, %,d bytes).",
              model.headline(),
              file,
              precision.name().toLowerCase(Locale.ROOT),
              Files.size(file)));
    } catch (IOException | IncompatibleModelException e) {
      throw NodeException.atParam(
          ctx.nodeId(),
          FILE.name(),
          "Block \""
              + ctx.nodeId()
              + "\" could not export the model to "
              + file
              + ": "
              + e.getMessage(),
          "Choose a folder you can write to, and check there is free disk space.");
    }
    ctx.progress(1, null);
    return Outputs.of(MODEL_OUT, model);
  }
}
