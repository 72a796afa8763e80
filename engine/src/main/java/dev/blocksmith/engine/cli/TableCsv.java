package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Table;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes a table as CSV (RFC 4180: comma-separated, fields quoted when they need it). */
final class TableCsv {
  private TableCsv() {}

  /** Writes the header and every row; missing values are empty fields. */
  static void write(Table table, Writer out) throws IOException {
    List<Column> columns = table.columns();
    for (int c = 0; c < columns.size(); c++) {
      out.write((c > 0 ? "," : "") + quote(columns.get(c).name()));
    }
    out.write("\n");
    for (int r = 0; r < table.rowCount(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        Column col = columns.get(c);
        out.write((c > 0 ? "," : "") + (col.isMissing(r) ? "" : quote(col.format(r))));
      }
      out.write("\n");
    }
    out.flush();
  }

  private static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
