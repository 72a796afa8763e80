package dev.blocksmith.nodes.data.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first rows of a CSV file, read with the same layout detection, parser and column typing as
 * Load CSV, so that an editor can show the columns, their types and a preview, and guess their
 * roles, before anything runs. Reading stops after {@code maxRows} rows whatever the file's size.
 * Call it off the UI thread: it reads the disk.
 *
 * @param columns one entry per column, in file order
 * @param rows data rows read (at most the limit)
 * @param more whether the file has rows beyond those read
 */
public record CsvSample(List<ColumnInfo> columns, int rows, boolean more) {
  /** Rows read by default: enough for the guesses, small enough to be instant. */
  public static final int DEFAULT_ROWS = 500;

  /** Preview values kept per column. */
  public static final int PREVIEW = 3;

  /**
   * What the sample shows of one column.
   *
   * @param name the column name, exactly as Load CSV names it
   * @param kind what it looks like: "number", "category", "yes/no", "text", "date" or "id"
   * @param missing empty (or NA, ?, …) cells among the rows read
   * @param preview the first few values that are present
   * @param guess Load CSV's guess for this column (id, date, free text), or null when it is a plain
   *     feature
   */
  public record ColumnInfo(
      String name, String kind, int missing, List<String> preview, ColumnGuesses.Guess guess) {}

  /** Reads the first {@code maxRows} data rows of {@code file}. */
  public static CsvSample read(Path file, int maxRows) throws IOException {
    CsvLayout layout = CsvSniffer.sniff(file, "auto", "auto", "auto");
    List<String> names = null;
    ColumnBuilder[] builders = null;
    int rows = 0;
    boolean more = false;
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(layout.bomBytes());
      try (CsvParser p = CsvReader.parser(CsvReader.factory(), in, layout)) {
        List<String> cells = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          if (t != JsonToken.START_ARRAY) {
            continue;
          }
          cells.clear();
          while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            if (cells.size() < CsvReader.MAX_COLUMNS) {
              cells.add(p.getText());
            }
          }
          if (cells.isEmpty() || (cells.size() == 1 && cells.get(0).isEmpty())) {
            continue;
          }
          if (builders == null) {
            names = CsvReader.names(cells.toArray(String[]::new), cells.size(), layout.header());
            builders = new ColumnBuilder[names.size()];
            for (int j = 0; j < builders.length; j++) {
              builders[j] = new ColumnBuilder(names.get(j), layout.decimalComma(), 64);
            }
            if (layout.header()) {
              continue;
            }
          }
          if (rows == maxRows) {
            more = true;
            break;
          }
          if (cells.size() < builders.length) {
            continue; // a bad row: Load CSV reports it; the preview leaves it out
          }
          for (int j = 0; j < builders.length; j++) {
            builders[j].add(cells.get(j));
          }
          rows++;
        }
      }
    }
    if (builders == null) {
      return new CsvSample(List.of(), 0, false);
    }
    List<Column> columns = new ArrayList<>();
    for (ColumnBuilder b : builders) {
      columns.add(b.build(false));
    }
    Map<String, ColumnGuesses.Guess> guesses = new LinkedHashMap<>();
    for (ColumnGuesses.Guess g : ColumnGuesses.guess(Table.of(columns), Set.of())) {
      guesses.put(g.column(), g);
    }
    List<ColumnInfo> out = new ArrayList<>();
    for (Column c : columns) {
      int missing = 0;
      List<String> preview = new ArrayList<>();
      for (int i = 0; i < c.size(); i++) {
        if (c.isMissing(i)) {
          missing++;
        } else if (preview.size() < PREVIEW) {
          preview.add(c.format(i));
        }
      }
      ColumnGuesses.Guess g = guesses.get(c.name());
      out.add(new ColumnInfo(c.name(), kind(c.type(), g), missing, List.copyOf(preview), g));
    }
    return new CsvSample(List.copyOf(out), rows, more);
  }

  /** Returns the column names, in file order. */
  public List<String> names() {
    return columns.stream().map(ColumnInfo::name).toList();
  }

  private static String kind(ColumnType type, ColumnGuesses.Guess g) {
    if (g != null && g.kind() == ColumnGuesses.Kind.ID) {
      return "id";
    }
    if (g != null && g.kind() == ColumnGuesses.Kind.DATE) {
      return "date";
    }
    return switch (type) {
      case NUMBER -> "number";
      case CATEGORY -> "category";
      case BOOLEAN -> "yes/no";
      case TEXT -> "text";
    };
  }
}
