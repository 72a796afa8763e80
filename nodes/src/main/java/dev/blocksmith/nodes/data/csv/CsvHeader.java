package dev.blocksmith.nodes.data.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads only the column names of a CSV file (its layout is detected from the first 64 KB, then one
 * row is parsed), named exactly as Load CSV names them, so that an editor can offer the columns
 * before anything runs. Call it off the UI thread: it reads the disk.
 */
public final class CsvHeader {
  private CsvHeader() {}

  /** Returns the column names, or an empty list when the file is empty. */
  public static List<String> names(Path file) throws IOException {
    CsvLayout layout = CsvSniffer.sniff(file, "auto", "auto", "auto");
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(layout.bomBytes());
      try (CsvParser p = CsvReader.parser(new CsvFactory(), in, layout)) {
        List<String> cells = new ArrayList<>();
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_ARRAY) {
          return List.of();
        }
        while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
          cells.add(p.getValueAsString(""));
        }
        return CsvReader.names(cells.toArray(String[]::new), cells.size(), layout.header());
      }
    }
  }
}
