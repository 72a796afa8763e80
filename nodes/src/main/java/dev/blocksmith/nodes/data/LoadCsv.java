package dev.blocksmith.nodes.data;

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
  /** The rows of the file. */
  public static final Port<Table> TABLE =
      Port.of("table", PortType.TABLE, Table.class, "Table", "The rows of the file.");

  /** The file to read. */
  public static final Param<String> FILE =
      Param.file("file")
          .setLabel("File")
          .setHelp("The CSV file to read, best kept beside the pipeline file.")
          .optRequired(true)
          .build();

  /** The column to predict. */
  public static final Param<String> LABEL =
      Param.column("label")
          .setLabel("Column to predict")
          .setHelp("The answer the model should learn to give (the label or target).")
          .build();

  /** A sensitive or group column, kept for fairness checks. */
  public static final Param<String> GROUP =
      Param.column("group")
          .setLabel("Group column")
          .setHelp(
              "A sensitive column such as gender or region: never learned from, but used"
                  + " to check that the model treats each group fairly.")
          .build();

  /** Identifier columns, comma-separated. */
  public static final Param<String> IDS =
      Param.text("idColumns")
          .setLabel("Id columns")
          .setHelp(
              "Columns that only identify a row, separated by commas; never learned from,"
                  + " and rows with the same id stay together when splitting.")
          .build();

  /** Columns always learned from, even when they look like ids or text. */
  public static final Param<String> KEEP =
      Param.text("featureColumns")
          .setLabel("Always learn from")
          .setHelp(
              "Columns to learn from as they are, separated by commas, even when they"
                  + " look like an id, a date or free text (Load CSV otherwise leaves ids and"
                  + " text out and turns dates into year, month and weekday, and says so).")
          .optAdvanced(true)
          .build();

  /** Columns left out of learning, kept in the table. */
  public static final Param<String> IGNORE =
      Param.text("ignoreColumns")
          .setLabel("Leave out")
          .setHelp(
              "Columns not to learn from, separated by commas; they stay in the table (and in"
                  + " the mistakes table) but the model never sees them.")
          .optAdvanced(true)
          .build();

  /** Whether rows of the wrong width are skipped. */
  public static final Param<Boolean> SKIP_BAD_ROWS =
      Param.bool("skipBadRows")
          .setLabel("Skip bad rows")
          .setHelp(
              "Skip rows with too few or too many values instead of stopping; the log"
                  + " says how many were skipped.")
          .optDefault(false)
          .build();

  /** The delimiter, or auto. */
  public static final Param<String> DELIMITER =
      Param.choice("delimiter")
          .setLabel("Separator")
          .setHelp("The character between values; auto detects it.")
          .addChoice("auto", "Detect")
          .addChoice(",", "Comma")
          .addChoice(";", "Semicolon")
          .addChoice("tab", "Tab")
          .addChoice("|", "Pipe")
          .optDefault("auto")
          .optAdvanced(true)
          .build();

  /** Whether the first row is a header, or auto. */
  public static final Param<String> HEADER =
      Param.choice("header")
          .setLabel("Header row")
          .setHelp("Whether the first row holds column names; auto detects it.")
          .addChoice("auto", "Detect")
          .addChoice("yes", "Yes")
          .addChoice("no", "No")
          .optDefault("auto")
          .optAdvanced(true)
          .build();

  /** The text encoding, or auto. */
  public static final Param<String> ENCODING =
      Param.choice("encoding")
          .setLabel("Text encoding")
          .setHelp(
              "How letters are stored; auto reads UTF-8 and falls back to Windows-1252"
                  + " (and says so) when the file is not valid UTF-8.")
          .addChoice("auto", "Detect")
          .addChoice("UTF-8", "UTF-8")
          .addChoice("Windows-1252", "Windows-1252 (Western European)")
          .optDefault("auto")
          .optAdvanced(true)
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("data.load-csv")
          .setDisplayName("Load CSV")
          .setCategory(Category.DATA)
          .setSummary("Reads a spreadsheet saved as CSV into a table.")
          .setWhatItDoes(
              "Reads a CSV file, detects how it is written (separator, header row, text"
                  + " encoding) and works out for each column whether it holds numbers, categories,"
                  + " yes/no values or free text. Cells such as NA, N/A, null, ? or - count as missing.")
          .optWhyItMatters("Models learn from examples; this is how your own examples come in.")
          .optWatchOutFor(
              "Pick the column to predict as the label. Columns that identify a row"
                  + " (a customer number) or describe a person (gender, age group) should not be"
                  + " learned from: mark them as ids or as the group.")
          .addOutput(TABLE)
          .addParam(FILE)
          .addParam(LABEL)
          .addParam(GROUP)
          .addParam(IDS)
          .addParam(KEEP)
          .addParam(IGNORE)
          .addParam(SKIP_BAD_ROWS)
          .addParam(DELIMITER)
          .addParam(HEADER)
          .addParam(ENCODING)
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
    Path file = params.path(FILE, baseDir);
    if (!Files.isRegularFile(file)) {
      return List.of(
          new ParamProblem(
              FILE.name(),
              "The file " + file.getFileName() + " was not found (looked for " + file + ").",
              "Check the name and folder, or pick the file again."));
    }
    return List.of();
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException, IOException {
    Path file = params.path(FILE, ctx.baseDir());
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw NodeException.atParam(
          ctx.nodeId(),
          FILE.name(),
          "The file " + name + " was not found (looked for " + file + ").",
          "Check the name and folder, or pick the file again.");
    }
    if (Files.size(file) == 0) {
      throw NodeException.atParam(
          ctx.nodeId(),
          FILE.name(),
          name + " is empty: it has no rows.",
          "Choose a CSV file with a header row and at least two data rows.");
    }
    String label = params.get(LABEL).trim();
    String group = params.get(GROUP).trim();
    Set<String> categories = new HashSet<>(List.of(label, group));
    String encoding = params.get(ENCODING);
    ctx.progress(0, "Reading " + name);
    CsvLayout layout;
    try {
      layout = CsvSniffer.sniff(file, encoding, params.get(DELIMITER), params.get(HEADER));
    } catch (CsvSniffer.NotText e) {
      throw NodeException.atParam(
          ctx.nodeId(),
          FILE.name(),
          name + ": " + e.getMessage(),
          "Export the data from the spreadsheet as \"CSV UTF-8\" and load that file.");
    }
    CsvReader.Result read =
        new CsvReader(file, FILE.name(), params.get(SKIP_BAD_ROWS), categories, ctx)
            .read(layout, encoding.equals("auto"));
    read.layout().notes().forEach(ctx::log);
    if (read.skipped() > 0) {
      ctx.log(
          String.format(
              "Skipped %,d bad row%s (with the wrong number of values), at line%s %s%s.",
              read.skipped(),
              read.skipped() == 1 ? "" : "s",
              read.skipped() == 1 ? "" : "s",
              read.skippedLines().stream()
                  .map(String::valueOf)
                  .reduce((a, b) -> a + ", " + b)
                  .orElse(""),
              read.skipped() > read.skippedLines().size() ? ", …" : ""));
    }
    Table table =
        TableRoles.apply(
            Table.of(read.columns()),
            ctx.nodeId(),
            name,
            new TableRoles.Choice(LABEL.name(), label),
            new TableRoles.Choice(GROUP.name(), group),
            new TableRoles.Choice(IDS.name(), params.get(IDS)),
            new TableRoles.Choice(KEEP.name(), params.get(KEEP)),
            new TableRoles.Choice(IGNORE.name(), params.get(IGNORE)),
            ctx);
    ctx.log(
        String.format(
            "Loaded %,d rows × %d columns from %s.",
            table.rowCount(), table.columns().size(), name));
    ctx.progress(1, null);
    return Outputs.of(TABLE, table);
  }
}
