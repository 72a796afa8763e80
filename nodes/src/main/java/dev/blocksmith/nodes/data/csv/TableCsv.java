package dev.blocksmith.nodes.data.csv;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Table;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes a table as CSV (comma-separated, header row, empty cells for missing values). */
public final class TableCsv {
  private TableCsv() {}

  /** Writes the table to a writer, with Unix line ends. */
  public static void write(Table table, Writer out) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
    for (String name : table.columnNames()) {
      schema.addColumn(name);
    }
    try (SequenceWriter w = new CsvMapper().writer(schema.build()).writeValues(out)) {
      String[] row = new String[table.columns().size()];
      for (int r = 0; r < table.rowCount(); r++) {
        for (int j = 0; j < row.length; j++) {
          Column c = table.columns().get(j);
          row[j] = c.format(r);
        }
        w.write(row);
      }
    }
  }

  /** Returns the table as CSV text. */
  public static String toString(Table table) {
    StringWriter s = new StringWriter();
    try {
      write(table, s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }
}
