package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.onnx.OnnxExport;
import dev.blocksmith.engine.onnx.OnnxExport.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code export MODEL --onnx OUT.onnx [--int8 | --float32]}: writes a saved model as an ONNX file
 * with its preprocessing inside, for ONNX Runtime on phones, in browsers and on servers. Without a
 * precision flag the weights stay as the model stores them (int8 for a quantized model).
 */
@Command(
    name = "export",
    description = "Export a saved model as an ONNX file (docs/deploy.md shows how to run it).")
final class ExportCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.bsmodel).")
  Path model;

  @Option(
      names = "--onnx",
      paramLabel = "OUT.onnx",
      required = true,
      description = "The ONNX file to write.")
  Path onnx;

  @Option(names = "--int8", description = "Store the weights as 8-bit integers (about 4× smaller).")
  boolean int8;

  @Option(names = "--float32", description = "Store the weights as 32-bit floats.")
  boolean float32;

  ExportCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (int8 && float32) {
      env.err().println("Choose one of --int8 and --float32, not both.");
      return 2;
    }
    if (!onnx.getFileName().toString().endsWith(OnnxExport.EXTENSION)) {
      env.err().println("The output file \"" + onnx + "\" should end with .onnx.");
      return 2;
    }
    TrainedModel trained;
    try {
      trained = ModelBundle.read(model);
    } catch (IOException | IncompatibleModelException e) {
      env.err().println(e.getMessage());
      return 2;
    }
    Precision p = int8 ? Precision.INT8 : float32 ? Precision.FLOAT32 : Precision.of(trained);
    try {
      OnnxExport.write(trained, p, onnx);
      env.out()
          .printf(
              Locale.ROOT,
              "Wrote %s (%s, weights %s, %,d bytes).%n",
              onnx,
              trained.arch().describe(),
              p.name().toLowerCase(Locale.ROOT),
              Files.size(onnx));
      return 0;
    } catch (IncompatibleModelException e) {
      env.err().println(e.getMessage());
      return 2;
    } catch (IOException e) {
      env.err()
          .println(
              "Could not write "
                  + onnx
                  + ": "
                  + e.getMessage()
                  + ". Choose a folder you can write to.");
      return 2;
    }
  }
}
