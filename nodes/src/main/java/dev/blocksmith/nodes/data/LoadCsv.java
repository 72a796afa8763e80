package dev.blocksmith.nodes.data;

import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.PortSpec;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.data.csv.CsvLayout;
import dev.blocksmith.nodes.data.csv.CsvReader;
import dev.blocksmith.nodes.data.csv.CsvSniffer;
import dev.blocksmith.nodes.data.csv.TableRoles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads a CSV file into a typed table, detecting its encoding, delimiter and header. */
public final class LoadCsv implements NodeType {
  /** The file to read. */
  public static final String FILE = "file";
  /** The column to predict. */
  public static final String LABEL = "label";
  /** A sensitive or group column, kept for fairness checks. */
  public static final String GROUP = "group";
  /** Identifier columns, comma-separated. */
  public static final String IDS = "idColumns";
  /** Whether rows of the wrong width are skipped. */
  public static final String SKIP_BAD_ROWS = "skipBadRows";
  /** The delimiter, or auto. */
  public static final String DELIMITER = "delimiter";
  /** Whether the first row is a header, or auto. */
  public static final String HEADER = "header";
  /** The text encoding, or auto. */
  public static final String ENCODING = "encoding";

  private static final NodeSpec SPEC =
      NodeSpec.builder("data.load-csv")
          .setDisplayName("Load CSV")
          .setCategory(Category.DATA)
          .setSummary("Reads a spreadsheet saved as CSV into a table.")
          .setWhatItDoes("Reads a CSV file, detects how it is written (separator, header row, text"
              + " encoding) and works out for each column whether it holds numbers, categories,"
              + " yes/no values or free text. Cells such as NA, N/A, null, ? or - count as missing.")
          .optWhyItMatters("Models learn from examples; this is how your own examples come in.")
          .optWatchOutFor("Pick the column to predict as the label. Columns that identify a row"
              + " (a customer number) or describe a person (gender, age group) should not be"
              + " learned from: mark them as ids or as the group.")
          .addOutput(PortSpec.of("table", PortType.TABLE, "Table", "The rows of the file."))
          .addParam(ParamSpec.builder(FILE, ParamType.FILE).setLabel("File")
              .setHelp("The CSV file to read, best kept beside the pipeline file.")
              .optRequired(true).build())
          .addParam(ParamSpec.builder(LABEL, ParamType.COLUMN).setLabel("Column to predict")
              .setHelp("The answer the model should learn to give (the label or target).").build())
          .addParam(ParamSpec.builder(GROUP, ParamType.COLUMN).setLabel("Group column")
              .setHelp("A sensitive column such as gender or region: never learned from, but used"
                  + " to check that the model treats each group fairly.").build())
          .addParam(ParamSpec.builder(IDS, ParamType.TEXT).setLabel("Id columns")
              .setHelp("Columns that only identify a row, separated by commas; never learned from,"
                  + " and rows with the same id stay together when splitting.").build())
          .addParam(ParamSpec.builder(SKIP_BAD_ROWS, ParamType.BOOLEAN).setLabel("Skip bad rows")
              .setHelp("Skip rows with too few or too many values instead of stopping; the log"
                  + " says how many were skipped.").optDefault(false).build())
          .addParam(ParamSpec.builder(DELIMITER, ParamType.CHOICE).setLabel("Separator")
              .setHelp("The character between values; auto detects it.")
              .addChoice("auto", "Detect").addChoice(",", "Comma").addChoice(";", "Semicolon")
              .addChoice("tab", "Tab").addChoice("|", "Pipe").optDefault("auto")
              .optAdvanced(true).build())
          .addParam(ParamSpec.builder(HEADER, ParamType.CHOICE).setLabel("Header row")
              .setHelp("Whether the first row holds column names; auto detects it.")
              .addChoice("auto", "Detect").addChoice("yes", "Yes").addChoice("no", "No")
              .optDefault("auto").optAdvanced(true).build())
          .addParam(ParamSpec.builder(ENCODING, ParamType.CHOICE).setLabel("Text encoding")
              .setHelp("How letters are stored; auto reads UTF-8 and falls back to Windows-1252"
                  + " (and says so) when the file is not valid UTF-8.")
              .addChoice("auto", "Detect").addChoice("UTF-8", "UTF-8")
              .addChoice("Windows-1252", "Windows-1252 (Western European)").optDefault("auto")
              .optAdvanced(true).build())
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public List<ParamProblem> checkParams(Params params, Path baseDir) {
    if (!params.isSet(FILE)) {
      return List.of();
    }
    Path file = params.getPath(FILE, baseDir);
    if (!Files.isRegularFile(file)) {
      return List.of(new ParamProblem(FILE,
          "The file " + file.getFileName() + " was not found (looked for " + file + ").",
          "Check the name and folder, or pick the file again."));
    }
    return List.of();
  }

  @Override
  public String fingerprint(Params params, Path baseDir) {
    Path file = params.getPath(FILE, baseDir);
    try {
      return file + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return file + "|missing";
    }
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException, IOException {
    Path file = params.getPath(FILE, ctx.baseDir());
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw NodeException.atParam(ctx.nodeId(), FILE,
          "The file " + name + " was not found (looked for " + file + ").",
          "Check the name and folder, or pick the file again.");
    }
    if (Files.size(file) == 0) {
      throw NodeException.atParam(ctx.nodeId(), FILE, name + " is empty: it has no rows.",
          "Choose a CSV file with a header row and at least two data rows.");
    }
    String label = params.getString(LABEL).trim();
    String group = params.getString(GROUP).trim();
    Set<String> categories = new HashSet<>(List.of(label, group));
    String encoding = params.getString(ENCODING);
    ctx.progress(0, "Reading " + name);
    CsvLayout layout;
    try {
      layout = CsvSniffer.sniff(file, encoding, params.getString(DELIMITER),
          params.getString(HEADER));
    } catch (CsvSniffer.NotText e) {
      throw NodeException.atParam(ctx.nodeId(), FILE, name + ": " + e.getMessage(),
          "Export the data from the spreadsheet as \"CSV UTF-8\" and load that file.");
    }
    CsvReader.Result read = new CsvReader(file, FILE, params.getBoolean(SKIP_BAD_ROWS),
        categories, ctx).read(layout, encoding.equals("auto"));
    read.layout().notes().forEach(ctx::log);
    if (read.skipped() > 0) {
      ctx.log(String.format("Skipped %,d bad row%s (with the wrong number of values), at line%s %s%s.",
          read.skipped(), read.skipped() == 1 ? "" : "s", read.skipped() == 1 ? "" : "s",
          read.skippedLines().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b)
              .orElse(""), read.skipped() > read.skippedLines().size() ? ", …" : ""));
    }
    Table table = TableRoles.apply(Table.of(read.columns()), ctx.nodeId(), name, label, group,
        params.getString(IDS), ctx);
    ctx.log(String.format("Loaded %,d rows × %d columns from %s.", table.rowCount(),
        table.columns().size(), name));
    ctx.progress(1, null);
    return Map.of("table", table);
  }
}
