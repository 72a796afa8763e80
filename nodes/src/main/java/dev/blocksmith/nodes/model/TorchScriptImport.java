package dev.blocksmith.nodes.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TorchExport;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings back a network trained in PyTorch: a TorchScript file ({@code NAME.pt}) of the {@code
 * torch.nn.Sequential} described in {@code docs/pytorch.md}, with the {@code NAME.json} that
 * Blocksmith's PyTorch export wrote beside it (architecture, labels, preprocessing). The weights
 * are read through DJL's PyTorch engine and checked by name and shape against the architecture.
 */
final class TorchScriptImport {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private TorchScriptImport() {}

  /** Returns the model, or throws {@link IOException} with a plain-language message. */
  static TrainedModel load(Path file) throws IOException, IncompatibleModelException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("There is no TorchScript file at " + file + ".");
    }
    String base = file.getFileName().toString().replaceFirst("\\.(pt|pth|torchscript)$", "");
    Path sidecar = file.resolveSibling(base + ".json");
    if (!Files.isRegularFile(sidecar)) {
      throw new IOException(
          "A TorchScript file alone does not say what its outputs mean or how "
              + "to prepare the data; Blocksmith needs "
              + sidecar.getFileName()
              + " beside it (the "
              + ".json written by Save model's PyTorch export).");
    }
    JsonNode root = JSON.readTree(sidecar.toFile());
    ArchSpec arch = JSON.treeToValue(root.path("architecture"), ArchSpec.class);
    Preprocessing pre = JSON.treeToValue(root.path("preprocessing"), Preprocessing.class);
    Map<String, Weights.Tensor> byTorchName = readScript(file);
    List<Weights.Tensor> tensors = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Block block = Architectures.build(arch);
      block.initialize(manager, DataType.FLOAT32, new Shape(arch.batchShape(1)));
      for (TrainedModel.ParamInfo p : TrainedModel.describe(block)) {
        Weights.Tensor t = byTorchName.get(TorchExport.torchName(p.name()));
        if (t == null) {
          throw new IncompatibleModelException(
              "The TorchScript file has no parameter '"
                  + TorchExport.torchName(p.name())
                  + "', which the architecture "
                  + arch.describe()
                  + " needs; it holds "
                  + byTorchName.keySet()
                  + ".",
              null);
        }
        tensors.add(new Weights.Tensor(p.name(), t.shape(), t.data()));
      }
      byte[] weights = Weights.toDjlBytes(arch, tensors);
      List<TrainedModel.ParamInfo> infos = TrainedModel.describe(block);
      return new TrainedModel(arch, weights, infos, pre, List.of(), null);
    }
  }

  private static Map<String, Weights.Tensor> readScript(Path file) throws IOException {
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(file)
            .optEngine("PyTorch")
            .optOption("trainParam", "true")
            .build();
    Map<String, Weights.Tensor> out = new HashMap<>();
    try (ZooModel<NDList, NDList> model = criteria.loadModel()) {
      for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
        var array = p.getValue().getArray();
        List<Long> shape = Arrays.stream(array.getShape().getShape()).boxed().toList();
        out.put(
            p.getKey(),
            new Weights.Tensor(
                p.getKey(), shape, array.toType(DataType.FLOAT32, false).toFloatArray()));
      }
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IOException(
          file.getFileName() + " could not be read as a TorchScript model: " + e.getMessage(), e);
    }
    return out;
  }
}
