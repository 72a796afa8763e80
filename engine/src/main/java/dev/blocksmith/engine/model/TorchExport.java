package dev.blocksmith.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.model.Weights.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exports a model for PyTorch: a {@code .safetensors} file of float32 weights named like the keys
 * of an equivalent {@code torch.nn.Sequential} ("3.weight"), and beside it a {@code .json} file
 * with the architecture, the label names and the preprocessing. {@code docs/pytorch.md} shows the
 * few lines of Python that rebuild the network and load the weights.
 */
public final class TorchExport {
  private static final Pattern DJL_NAME = Pattern.compile("(\\d+)[A-Za-z0-9]*_(weight|bias)");
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private TorchExport() {}

  /** Returns the PyTorch key for a DJL parameter name ("04Linear_weight" → "3.weight"). */
  public static String torchName(String djlName) {
    Matcher m = DJL_NAME.matcher(djlName);
    if (!m.matches()) {
      throw new IllegalArgumentException("unexpected parameter name " + djlName);
    }
    return (Integer.parseInt(m.group(1)) - 1) + "." + m.group(2);
  }

  /** Returns the bytes of the safetensors file for {@code model}. */
  public static byte[] safetensors(TrainedModel model) throws IncompatibleModelException {
    List<Safetensors.Entry> entries = new ArrayList<>();
    for (Tensor t : Weights.read(model)) {
      entries.add(Safetensors.Entry.f32(torchName(t.name()), t.shape(), t.data()));
    }
    return Safetensors.write(
        entries,
        Map.of(
            "format",
            "pt",
            "producer",
            "Blocksmith " + ModelBundle.blocksmithVersion(),
            "architecture",
            model.arch().describe()));
  }

  /**
   * Writes {@code file} (the weights, usually {@code name.safetensors}) and the architecture beside
   * it ({@code name.json}); returns the path of the architecture file.
   */
  public static Path write(TrainedModel model, Path file)
      throws IOException, IncompatibleModelException {
    GraphFiles.writeAtomically(file, safetensors(model), false);
    String base = file.getFileName().toString().replaceFirst("\\.safetensors$", "");
    Path archFile = file.resolveSibling(base + ".json");
    ObjectNode root = JSON.createObjectNode();
    root.set("architecture", JSON.valueToTree(model.arch()));
    root.set("labels", JSON.valueToTree(model.labelNames()));
    root.set("preprocessing", JSON.valueToTree(model.preprocessing()));
    GraphFiles.writeAtomically(archFile, JSON.writeValueAsBytes(root), false);
    return archFile;
  }
}
