package dev.blocksmith.engine.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import dev.blocksmith.engine.spi.Params;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a pipeline bundle ({@code .blocksmith}): a zip holding {@code bundle.json} (what is inside
 * and which large files stayed behind, with a note each), the graph, and the files and folders its
 * blocks read, when together they stay under a size limit. Files inside the graph's folder keep
 * their relative paths; others go under {@code files/} and the graph is changed to point there.
 * Files written by output blocks are left out, except saved models when asked.
 */
public final class PipelineBundle {
  /** The file name ending. */
  public static final String EXTENSION = ".blocksmith";

  /** The name of the manifest entry. */
  public static final String MANIFEST = "bundle.json";

  /** The manifest format version this build writes. */
  public static final int FORMAT_VERSION = 1;

  /** Default limit for the data a bundle takes in: 50 MB. */
  public static final long DEFAULT_DATA_LIMIT = 50L * 1024 * 1024;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private PipelineBundle() {}

  /**
   * What to put in.
   *
   * @param dataLimitBytes files and folders are included while their total stays at or under this
   * @param includeModels also include the model files that Save model blocks wrote, if present
   * @param includeLesson keep the graph's lesson (its step-by-step texts)
   */
  public record Options(long dataLimitBytes, boolean includeModels, boolean includeLesson) {
    /** The defaults: 50 MB of data, models and lesson included. */
    public static final Options DEFAULTS = new Options(DEFAULT_DATA_LIMIT, true, true);
  }

  /**
   * What was written.
   *
   * @param included the entry names of the files taken in, with their sizes
   * @param references files left where they are, each with a plain note saying why
   */
  public record Result(Map<String, Long> included, List<String> references) {}

  /** What would go in: the graph as it is bundled, its files by entry name, and the notes. */
  private record Plan(
      Graph graph, Map<String, Path> files, Result result, ArrayNode refs, long totalBytes) {}

  /**
   * Returns what {@link #write} would put in and leave behind, without writing anything (for a
   * dialog that shows it first). Reads only the sizes of the files.
   */
  public static Result plan(
      Graph graph, String graphName, Path baseDir, NodeRegistry registry, Options options)
      throws IOException {
    return compute(graph, graphName, baseDir, registry, options).result();
  }

  /**
   * Writes the bundle for {@code graph} (saved as {@code graphName}, relative paths taken from
   * {@code baseDir}) to {@code out}, replacing it atomically.
   */
  public static Result write(
      Graph graph, String graphName, Path baseDir, NodeRegistry registry, Options options, Path out)
      throws IOException {
    return write(graph, graphName, baseDir, registry, options, out, (done, total) -> {});
  }

  /** Receives how many bytes of data files were written so far, out of how many. */
  @FunctionalInterface
  public interface Progress {
    /**
     * Called after each file (from the writing thread); throwing (for example {@link
     * java.io.InterruptedIOException} when the user cancels) stops the writing and leaves no file.
     */
    void written(long doneBytes, long totalBytes) throws IOException;
  }

  /** Like {@link #write(Graph, String, Path, NodeRegistry, Options, Path)}, reporting progress. */
  public static Result write(
      Graph graph,
      String graphName,
      Path baseDir,
      NodeRegistry registry,
      Options options,
      Path out,
      Progress progress)
      throws IOException {
    Plan plan = compute(graph, graphName, baseDir, registry, options);
    Map<String, Long> included = plan.result().included();
    ObjectNode manifest = JSON.createObjectNode();
    manifest
        .put("format", "blocksmith-bundle")
        .put("version", FORMAT_VERSION)
        .put("blocksmithVersion", ModelBundle.blocksmithVersion())
        .put("graph", graphName)
        .put("dataLimitBytes", options.dataLimitBytes());
    manifest.set("included", JSON.valueToTree(included));
    manifest.set("references", plan.refs());
    zip(
        out,
        manifest,
        graphName,
        GraphJson.write(plan.graph()),
        plan.files(),
        plan.totalBytes(),
        progress);
    return plan.result();
  }

  private static Plan compute(
      Graph graph, String graphName, Path baseDir, NodeRegistry registry, Options options)
      throws IOException {
    Path base = baseDir.toAbsolutePath().normalize();
    Map<String, Path> files = new LinkedHashMap<>();
    Map<String, Long> included = new LinkedHashMap<>();
    List<String> references = new ArrayList<>();
    ArrayNode refs = JSON.createArrayNode();
    long total = 0;
    Set<String> names = new HashSet<>(Set.of(MANIFEST, graphName));
    Map<Path, String> placed = new LinkedHashMap<>();
    for (Node node : graph.nodes()) {
      NodeSpec spec = registry.find(node.type()).map(t -> t.spec()).orElse(null);
      if (spec == null) {
        continue;
      }
      Params params = Params.of(spec, node.params());
      for (ParamSpec p : spec.params()) {
        Param<String> key = Param.wrap(p, String.class);
        if ((p.type() != ParamType.FILE && p.type() != ParamType.FOLDER)
            || params.get(key).isBlank()) {
          continue;
        }
        Path path = params.path(key, base).toAbsolutePath().normalize();
        boolean output = spec.category() == Category.OUTPUT;
        boolean model = output && path.toString().endsWith(ModelBundle.EXTENSION);
        if ((output && !(model && options.includeModels())) || !Files.exists(path)) {
          continue;
        }
        String where = "'" + node.id() + "' " + p.name() + " " + params.get(key);
        String root = placed.get(path);
        if (root == null) {
          root =
              path.startsWith(base) && !path.equals(base)
                  ? base.relativize(path).toString().replace('\\', '/')
                  : fresh("files/" + path.getFileName(), names);
          Map<String, Path> parts = parts(path, root);
          long size = 0;
          for (Path f : parts.values()) {
            size += Files.size(f);
          }
          if (total + size > options.dataLimitBytes()) {
            String note =
                String.format(
                    Locale.ROOT,
                    "%s (%,d bytes) was not included: the "
                        + "bundle's data limit is %,d bytes. Give the receiver this file separately and "
                        + "point the block at it.",
                    where,
                    size,
                    options.dataLimitBytes());
            references.add(note);
            ObjectNode r = refs.addObject();
            r.put("node", node.id())
                .put("param", p.name())
                .put("path", params.get(key))
                .put("bytes", size)
                .put("note", note);
            continue;
          }
          total += size;
          names.add(root);
          names.addAll(parts.keySet());
          files.putAll(parts);
          parts.forEach((name, f) -> included.put(name, sizeOf(f)));
          placed.put(path, root);
        }
        if (!root.equals(params.get(key))) {
          graph = graph.withParam(node.id(), p.name(), TextNode.valueOf(root));
        }
      }
    }
    if (!options.includeLesson() && graph.extras().containsKey("lesson")) {
      Map<String, JsonNode> extras = new LinkedHashMap<>(graph.extras());
      extras.remove("lesson");
      graph =
          new Graph(
              graph.name(),
              graph.description(),
              graph.nodes(),
              graph.edges(),
              graph.layout(),
              extras);
    }
    return new Plan(graph, files, new Result(included, references), refs, total);
  }

  private static long sizeOf(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Returns the regular files of a file or folder (no symbolic links), by entry name. */
  private static Map<String, Path> parts(Path path, String root) throws IOException {
    Map<String, Path> out = new LinkedHashMap<>();
    if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      out.put(root, path);
      return out;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path f : walk.sorted().toList()) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          out.put(root + "/" + path.relativize(f).toString().replace('\\', '/'), f);
        }
      }
    }
    return out;
  }

  /** Returns {@code name}, or "name-2.ext", "name-3.ext"... when it is taken. */
  private static String fresh(String name, Set<String> taken) {
    int dot = name.lastIndexOf('.');
    String stem = dot > name.lastIndexOf('/') ? name.substring(0, dot) : name;
    String ext = name.substring(stem.length());
    String n = name;
    for (int i = 2; taken.contains(n); i++) {
      n = stem + "-" + i + ext;
    }
    return n;
  }

  private static void zip(
      Path out,
      ObjectNode manifest,
      String graphName,
      String graphJson,
      Map<String, Path> files,
      long totalBytes,
      Progress progress)
      throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".bundle-", ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(tmp);
          ZipOutputStream zip = new ZipOutputStream(raw)) {
        put(zip, MANIFEST, JSON.writeValueAsBytes(manifest));
        put(zip, graphName, graphJson.getBytes(StandardCharsets.UTF_8));
        long done = 0;
        for (Map.Entry<String, Path> f : files.entrySet()) {
          ZipEntry e = entry(f.getKey());
          zip.putNextEntry(e);
          done += Files.copy(f.getValue(), zip);
          zip.closeEntry();
          progress.written(done, totalBytes);
        }
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(entry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  private static ZipEntry entry(String name) {
    ZipEntry e = new ZipEntry(name);
    e.setTime(315532800000L); // 1980-01-01: the same content gives the same bytes
    return e;
  }
}
