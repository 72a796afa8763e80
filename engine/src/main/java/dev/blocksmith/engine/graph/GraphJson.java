package dev.blocksmith.engine.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.json.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes graph files. Reading is tree-based with no polymorphic typing (a file can never
 * name a Java class), under size and nesting limits, and upgrades old formats through {@link
 * GraphMigrations}. Writing is deterministic so that read-then-write gives the same bytes.
 */
public final class GraphJson {

  /** The format version this build writes. */
  public static final int FORMAT_VERSION = GraphMigrations.CURRENT;

  /** Largest graph file accepted, in bytes. */
  public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  /** Deepest JSON nesting accepted. */
  public static final int MAX_NESTING = 64;

  /** Most nodes accepted in one graph. */
  public static final int MAX_NODES = 5_000;

  private static final Set<String> KNOWN =
      Set.of("formatVersion", "name", "description", "nodes", "edges", "layout");

  private static final ObjectMapper MAPPER = newMapper();

  private GraphJson() {}

  /** Returns the mapper used for graph files: exact decimals, limits, no default typing. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(1_000_000)
                    .maxNumberLength(100)
                    .build())
            .build();
    return JsonMapper.builder(factory)
        .nodeFactory(new JsonNodeFactory(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
  }

  /** Returns the graph in a file, upgrading older formats. */
  public static Graph read(Path file) throws IOException, GraphFormatException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new GraphFormatException(
          file.getFileName()
              + " is not a plain file (it is a folder, "
              + "a pipe or a device), so it cannot be a Blocksmith pipeline.");
    }
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new GraphFormatException(
          file.getFileName()
              + " is "
              + size / (1024 * 1024)
              + " MB; graph files are at most "
              + MAX_FILE_BYTES / (1024 * 1024)
              + " MB. Is this really a Blocksmith pipeline?");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (GraphFormatException e) {
      throw new GraphFormatException(file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** Returns the graph in a JSON text, upgrading older formats. */
  public static Graph read(String json) throws GraphFormatException {
    if (json.length() > MAX_FILE_BYTES) {
      throw new GraphFormatException("The graph text is too large to be a Blocksmith pipeline.");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new GraphFormatException(
          "This is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new GraphFormatException("A graph file must hold a JSON object with \"nodes\".");
    }
    ObjectNode upgraded = GraphMigrations.upgrade((ObjectNode) root);
    return fromTree(upgraded);
  }

  private static Graph fromTree(ObjectNode root) throws GraphFormatException {
    List<Node> nodes = new ArrayList<>();
    JsonNode ns = root.path("nodes");
    if (!ns.isMissingNode() && !ns.isArray()) {
      throw new GraphFormatException("\"nodes\" must be a list.");
    }
    if (ns.size() > MAX_NODES) {
      throw new GraphFormatException(
          "The graph has " + ns.size() + " nodes; at most " + MAX_NODES + " are allowed.");
    }
    for (JsonNode n : ns) {
      nodes.add(node(n, nodes.size()));
    }
    List<Edge> edges = new ArrayList<>();
    for (JsonNode e : root.path("edges")) {
      String from = e.path("from").asText(null);
      String to = e.path("to").asText(null);
      if (from == null || to == null) {
        throw new GraphFormatException(
            "Every edge needs \"from\" and \"to\", like "
                + "{\"from\": \"split.train\", \"to\": \"train.train\"}; found "
                + e
                + ".");
      }
      edges.add(new Edge(PortRef.parse(from), PortRef.parse(to)));
    }
    Map<String, JsonNode> extras = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      var f = it.next();
      if (!KNOWN.contains(f.getKey())) {
        extras.put(f.getKey(), f.getValue());
      }
    }
    try {
      return new Graph(
          root.path("name").asText(""),
          root.path("description").asText(""),
          nodes,
          edges,
          layout(root.path("layout")),
          extras);
    } catch (IllegalArgumentException e) {
      throw new GraphFormatException(e.getMessage(), e);
    }
  }

  private static Node node(JsonNode n, int index) throws GraphFormatException {
    String id = n.path("id").asText(null);
    String type = n.path("type").asText(null);
    if (id == null || type == null) {
      throw new GraphFormatException(
          "Node number " + (index + 1) + " needs an \"id\" and a \"type\".");
    }
    JsonNode ps = n.path("params");
    Map<String, JsonNode> params = new LinkedHashMap<>();
    if (ps.isObject()) {
      ps.fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue()));
    } else if (!ps.isMissingNode()) {
      throw new GraphFormatException("The params of node \"" + id + "\" must be an object.");
    }
    JsonNode label = n.get("label");
    try {
      return new Node(
          id,
          type,
          StrictJson.intValue(
              n.get("typeVersion"), "The \"typeVersion\" of node \"" + id + "\"", 1),
          label == null || label.isNull() ? null : label.asText(),
          params);
    } catch (IllegalArgumentException e) {
      throw new GraphFormatException(e.getMessage(), e);
    }
  }

  private static Layout layout(JsonNode l) {
    Map<String, Position> pos = new LinkedHashMap<>();
    l.path("positions")
        .fields()
        .forEachRemaining(
            f ->
                pos.put(
                    f.getKey(),
                    new Position(
                        f.getValue().path("x").asDouble(), f.getValue().path("y").asDouble())));
    List<Note> notes = new ArrayList<>();
    for (JsonNode n : l.path("notes")) {
      notes.add(
          new Note(
              n.path("id").asText("note-" + notes.size()),
              n.path("text").asText(""),
              n.path("x").asDouble(),
              n.path("y").asDouble(),
              n.path("width").asDouble(200),
              n.path("height").asDouble(120)));
    }
    return new Layout(pos, notes);
  }

  /** Returns the graph as a JSON tree in the current format. */
  public static ObjectNode toTree(Graph g) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("name", g.name());
    if (!g.description().isEmpty()) {
      root.put("description", g.description());
    }
    ArrayNode ns = root.putArray("nodes");
    for (Node n : g.nodes()) {
      ObjectNode o = ns.addObject();
      o.put("id", n.id());
      o.put("type", n.type());
      o.put("typeVersion", n.typeVersion());
      if (n.label() != null) {
        o.put("label", n.label());
      }
      ObjectNode ps = o.putObject("params");
      n.params().forEach(ps::set);
    }
    ArrayNode es = root.putArray("edges");
    for (Edge e : g.edges()) {
      es.addObject().put("from", e.from().toString()).put("to", e.to().toString());
    }
    ObjectNode lay = root.putObject("layout");
    ObjectNode pos = lay.putObject("positions");
    g.layout().positions().forEach((id, p) -> pos.putObject(id).put("x", p.x()).put("y", p.y()));
    ArrayNode notes = lay.putArray("notes");
    for (Note n : g.layout().notes()) {
      notes
          .addObject()
          .put("id", n.id())
          .put("text", n.text())
          .put("x", n.x())
          .put("y", n.y())
          .put("width", n.width())
          .put("height", n.height());
    }
    g.extras().forEach(root::set);
    return root;
  }

  /** Returns the graph as JSON text: two-space indent, one field per line, a final newline. */
  public static String write(Graph g) {
    try {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(indenter)
              .withArrayIndenter(indenter);
      return MAPPER.writer(printer).writeValueAsString(toTree(g)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a graph tree always serialises", e);
    }
  }
}
