package dev.blocksmith.engine.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.embed.ImageBackbones;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.json.StrictJson;
import dev.blocksmith.engine.model.TrainedModel.ParamInfo;
import dev.blocksmith.engine.model.TrainedModel.Storage;
import dev.blocksmith.engine.model.Weights.Tensor;
import dev.blocksmith.engine.value.Curve;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Blocksmith model file ({@code .bsmodel}): one zip holding {@code bundle.json} (format,
 * version, how weights are stored), {@code arch.json}, the weights ({@code weights.params} in DJL's
 * format, or {@code weights.safetensors} when stored as int8 or float16), {@code parameters.json},
 * {@code labels.json}, {@code preprocessing.json}, {@code history.json} and {@code
 * provenance.json}. Written atomically; read safely (see {@link BundleZip}) with the weights
 * checked against the architecture by name and shape.
 */
public final class ModelBundle {
  /** The file name extension of model files. */
  public static final String EXTENSION = ".bsmodel";

  /**
   * The bundle format version this build writes. Version 2 adds a SHA-256 checksum of every part to
   * {@code bundle.json}; version 1 files (without them) are still read.
   */
  public static final int FORMAT_VERSION = 2;

  /** Largest model file accepted, in bytes. */
  public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

  static final String DJL_WEIGHTS = "weights.params";
  static final String PACKED_WEIGHTS = "weights.safetensors";

  /** The part holding the picture network (ONNX or TorchScript) a model is built on. */
  static final String BACKBONE = "backbone.bin";

  private static final Set<String> PARTS =
      Set.of(
          "bundle.json",
          "arch.json",
          DJL_WEIGHTS,
          PACKED_WEIGHTS,
          "parameters.json",
          "labels.json",
          "preprocessing.json",
          "history.json",
          "provenance.json",
          BACKBONE);
  private static final String SCALE = ".scale";

  private static final ObjectMapper JSON =
      StrictJson.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private ModelBundle() {}

  /** Returns the Blocksmith version recorded in model files. */
  public static String blocksmithVersion() {
    String v = ModelBundle.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** Writes {@code model} to {@code file} atomically (temp file, then rename). */
  public static void write(TrainedModel model, Path file) throws IOException {
    GraphFiles.writeAtomically(file, toBytes(model), false);
  }

  /** Returns the bytes of a model file holding {@code model}. */
  public static byte[] toBytes(TrainedModel model) throws IOException {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    ObjectNode head = JSON.createObjectNode();
    head.put("format", "blocksmith-model");
    head.put("formatVersion", FORMAT_VERSION);
    head.put("blocksmithVersion", blocksmithVersion());
    head.put("storage", model.storage().name().toLowerCase(Locale.ROOT));
    Map<String, byte[]> rest = new LinkedHashMap<>();
    rest.put("arch.json", JSON.writeValueAsBytes(model.arch()));
    String weightsPart = model.storage() == Storage.FLOAT32 ? DJL_WEIGHTS : PACKED_WEIGHTS;
    rest.put(weightsPart, weightBytes(model));
    rest.put("parameters.json", JSON.writeValueAsBytes(model.parameters()));
    rest.put("labels.json", JSON.writeValueAsBytes(model.labelNames()));
    rest.put("preprocessing.json", JSON.writeValueAsBytes(model.preprocessing()));
    rest.put("history.json", JSON.writeValueAsBytes(model.history()));
    rest.put("provenance.json", JSON.writeValueAsBytes(model.provenance()));
    Preprocessing.ColumnStep network = model.preprocessing().pictureNetwork();
    if (network != null) {
      rest.put(BACKBONE, ImageBackbones.bytes(network.backbone().sha256()));
    }
    ObjectNode sums = head.putObject("checksums");
    rest.forEach((part, bytes) -> sums.put(part, sha256(bytes)));
    parts.put("bundle.json", JSON.writeValueAsBytes(head));
    parts.putAll(rest);
    return BundleZip.write(
        parts, network == null ? Set.of(weightsPart) : Set.of(weightsPart, BACKBONE));
  }

  /**
   * Returns the weights exactly as a model file stores them: DJL's bytes for float32, a safetensors
   * file of int8 values with per-channel scales (or of float16 values) otherwise.
   */
  public static byte[] weightBytes(TrainedModel model) throws IOException {
    if (model.storage() == Storage.FLOAT32) {
      return model.weights();
    }
    List<Tensor> tensors;
    try {
      tensors = Weights.read(model);
    } catch (IncompatibleModelException e) {
      throw new ModelFileException(e.getMessage(), e);
    }
    List<Safetensors.Entry> entries = new java.util.ArrayList<>();
    for (Tensor t : tensors) {
      if (model.storage() == Storage.FLOAT16) {
        entries.add(Safetensors.Entry.f16(t.name(), t.shape(), t.data()));
      } else if (Quantization.quantizable(t.name(), t.shape())) {
        Quantization.Int8 q = Quantization.quantize(t.data(), t.shape());
        entries.add(new Safetensors.Entry(t.name(), "I8", t.shape(), q.values()));
        entries.add(
            Safetensors.Entry.f32(t.name() + SCALE, List.of((long) q.scales().length), q.scales()));
      } else {
        entries.add(Safetensors.Entry.f32(t.name(), t.shape(), t.data()));
      }
    }
    return Safetensors.write(entries, Map.of("storage", model.storage().name()));
  }

  /**
   * Returns the model in a model file.
   *
   * @throws ModelFileException when the file is not a readable model file
   * @throws IncompatibleModelException when its weights do not match its architecture
   */
  public static TrainedModel read(Path file) throws IOException, IncompatibleModelException {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw new ModelFileException("There is no model file at " + file + ".", null);
    }
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new ModelFileException(
          name
              + " is "
              + size / (1024 * 1024)
              + " MB; Blocksmith model "
              + "files are at most "
              + MAX_FILE_BYTES / (1024 * 1024)
              + " MB.",
          null);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, name);
    }
  }

  /** Returns the model in a model file's bytes; {@code name} is used in messages. */
  public static TrainedModel read(InputStream in, String name)
      throws IOException, IncompatibleModelException {
    Map<String, byte[]> parts = BundleZip.read(in, PARTS, name);
    for (String required : List.of("bundle.json", "arch.json", "preprocessing.json")) {
      if (!parts.containsKey(required)) {
        throw new ModelFileException(
            name
                + " is not a complete Blocksmith model file: the part "
                + "\""
                + required
                + "\" is missing.",
            null);
      }
    }
    try {
      JsonNode head = head(name, parts);
      Storage storage =
          Storage.valueOf(head.path("storage").asText("float32").toUpperCase(Locale.ROOT));
      ArchSpec arch =
          ArchSpec.fromJson(
              new String(parts.get("arch.json"), java.nio.charset.StandardCharsets.UTF_8));
      Preprocessing pre = JSON.readValue(parts.get("preprocessing.json"), Preprocessing.class);
      ModelChecks.checkPreprocessing(name, pre);
      checkConsistent(name, arch, pre, parts);
      keepBackbone(name, pre, parts);
      List<Tensor> tensors = tensors(name, arch, storage, parts);
      ModelChecks.checkFinite(name, tensors);
      byte[] djl =
          storage == Storage.FLOAT32 ? parts.get(DJL_WEIGHTS) : Weights.toDjlBytes(arch, tensors);
      List<ParamInfo> infos = paramInfos(tensors, parts.get("parameters.json"));
      List<Curve> history =
          parts.containsKey("history.json")
              ? JSON.readValue(parts.get("history.json"), new TypeReference<List<Curve>>() {})
              : List.of();
      Provenance provenance =
          parts.containsKey("provenance.json")
              ? JSON.readValue(parts.get("provenance.json"), Provenance.class)
              : null;
      return new TrainedModel(arch, djl, infos, pre, history, provenance, storage);
    } catch (IllegalArgumentException
        | com.fasterxml.jackson.core.JacksonException
        | java.io.CharConversionException e) {
      // CharConversionException: found by fuzzing, a JSON part that Jackson takes for UTF-32.
      throw new ModelFileException(name + " is damaged or was edited: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the provenance of a model file (the pipeline that made it, among others) without
   * reading its weights, so it needs no deep-learning engine; the parts it reads are checked
   * against their checksums like {@link #read(Path)} does.
   *
   * @throws ModelFileException when the file is not a readable model file
   */
  public static Provenance readProvenance(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw new ModelFileException("There is no model file at " + file + ".", null);
    }
    try (InputStream in = Files.newInputStream(file)) {
      Map<String, byte[]> parts = BundleZip.read(in, PARTS, name);
      if (!parts.containsKey("bundle.json")) {
        throw new ModelFileException(
            name
                + " is not a complete Blocksmith model file: the part "
                + "\"bundle.json\" is missing.",
            null);
      }
      head(name, parts);
      return parts.containsKey("provenance.json")
          ? JSON.readValue(parts.get("provenance.json"), Provenance.class)
          : null;
    } catch (IllegalArgumentException
        | com.fasterxml.jackson.core.JacksonException
        | java.io.CharConversionException e) {
      throw new ModelFileException(name + " is damaged or was edited: " + e.getMessage(), e);
    }
  }

  /** Reads and checks {@code bundle.json}, including the checksum of every other part. */
  private static JsonNode head(String name, Map<String, byte[]> parts) throws IOException {
    JsonNode head = JSON.readTree(parts.get("bundle.json"));
    if (head == null || !"blocksmith-model".equals(head.path("format").asText())) {
      throw new ModelFileException(name + " is not a Blocksmith model file.", null);
    }
    JsonNode v = head.path("formatVersion");
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
      throw new ModelFileException(
          name
              + " is damaged or was edited: its format version "
              + ModelChecks.clip(v.toString())
              + " is not one Blocksmith knows.",
          null);
    }
    if (v.intValue() > FORMAT_VERSION) {
      throw new ModelFileException(
          name
              + " was saved by a newer Blocksmith ("
              + ModelChecks.clip(head.path("blocksmithVersion").asText("unknown"))
              + "); update Blocksmith to open it.",
          null);
    }
    if (v.intValue() >= 2) {
      ModelChecks.checkSums(name, head.path("checksums"), parts);
    }
    return head;
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Keeps the picture network a model file carries, after checking it is the one it names. */
  private static void keepBackbone(String name, Preprocessing pre, Map<String, byte[]> parts)
      throws IOException {
    Preprocessing.ColumnStep network = pre.pictureNetwork();
    if (network == null) {
      return;
    }
    byte[] bytes = parts.get(BACKBONE);
    if (bytes == null) {
      throw new ModelFileException(
          name + " is not complete: the picture network it is built on is missing.", null);
    }
    if (!sha256(bytes).equals(network.backbone().sha256())) {
      throw new ModelFileException(
          name + " is damaged or was edited: its picture network is not the one it names.", null);
    }
    ImageBackbones.keep(bytes);
  }

  private static void checkConsistent(
      String name, ArchSpec arch, Preprocessing pre, Map<String, byte[]> parts) throws IOException {
    if (parts.containsKey("labels.json")) {
      List<String> labels = JSON.readValue(parts.get("labels.json"), new TypeReference<>() {});
      if (!labels.equals(pre.classNames())) {
        throw new ModelFileException(
            name
                + " is damaged or was edited: its label names "
                + labels
                + " differ from those of its preprocessing "
                + pre.classNames()
                + ".",
            null);
      }
    }
    if (arch.outputs() != pre.outputs() || !arch.inputShape().equals(pre.exampleShape())) {
      throw new ModelFileException(
          name
              + " is damaged or was edited: its architecture ("
              + arch.describe()
              + ") does not fit its preprocessing ("
              + pre.exampleShape()
              + " in, "
              + pre.outputs()
              + " out).",
          null);
    }
  }

  private static List<Tensor> tensors(
      String name, ArchSpec arch, Storage storage, Map<String, byte[]> parts)
      throws IOException, IncompatibleModelException {
    String part = storage == Storage.FLOAT32 ? DJL_WEIGHTS : PACKED_WEIGHTS;
    if (!parts.containsKey(part)) {
      throw new ModelFileException(
          name + " has no weights (the part \"" + part + "\" is missing).", null);
    }
    // Every number takes at least one byte in any storage: a file whose weights are far smaller
    // than its architecture needs is refused before the network is built (found by fuzzing: a
    // 2.6 KB file declaring 4 x 4,096 hidden units made the reader allocate and initialise 200 MB).
    long needed = arch.parameterCount();
    if (parts.get(part).length < needed) {
      throw new ModelFileException(
          String.format(
              Locale.ROOT,
              "%s is damaged or was edited: its architecture (%s) needs %,d numbers, but its"
                  + " weights hold at most %,d.",
              name,
              arch.describe(),
              needed,
              parts.get(part).length),
          null);
    }
    if (storage == Storage.FLOAT32) {
      return Weights.fromDjlBytes(arch, parts.get(part));
    }
    Map<String, Safetensors.Entry> byName = new LinkedHashMap<>();
    Safetensors.read(parts.get(part)).forEach(e -> byName.put(e.name(), e));
    List<Tensor> out = new java.util.ArrayList<>();
    for (Safetensors.Entry e : byName.values()) {
      if (e.name().endsWith(SCALE)
          && byName.containsKey(e.name().substring(0, e.name().length() - SCALE.length()))) {
        continue;
      }
      if (e.dtype().equals("I8")) {
        Safetensors.Entry scale = byName.get(e.name() + SCALE);
        if (scale == null
            || e.shape().isEmpty()
            || !scale.shape().equals(List.of(e.shape().get(0)))) {
          throw new ModelFileException(
              name
                  + " is damaged or was edited: the int8 layer '"
                  + e.name()
                  + "' has no matching per-channel scales.",
              null);
        }
        out.add(
            new Tensor(
                e.name(),
                e.shape(),
                Quantization.dequantize(new Quantization.Int8(e.data(), scale.floats()))));
      } else {
        out.add(new Tensor(e.name(), e.shape(), e.floats()));
      }
    }
    return out;
  }

  private static List<ParamInfo> paramInfos(List<Tensor> tensors, byte[] manifest)
      throws IOException {
    Map<String, Boolean> trainable = new LinkedHashMap<>();
    if (manifest != null) {
      for (ParamInfo p : JSON.readValue(manifest, new TypeReference<List<ParamInfo>>() {})) {
        trainable.put(p.name(), p.trainable());
      }
    }
    return tensors.stream()
        .map(t -> new ParamInfo(t.name(), t.shape(), trainable.getOrDefault(t.name(), true)))
        .toList();
  }

  /** Reads a model file from a stream already known to be small (a shipped resource). */
  public static TrainedModel read(byte[] bytes, String name)
      throws IOException, IncompatibleModelException {
    return read(new ByteArrayInputStream(bytes), name);
  }
}
