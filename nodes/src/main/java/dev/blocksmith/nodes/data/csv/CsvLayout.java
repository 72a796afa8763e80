package dev.blocksmith.nodes.data.csv;

import java.nio.charset.Charset;

/**
 * How a CSV file is laid out, as detected (or chosen) before reading it.
 *
 * @param charset the text encoding
 * @param strict whether undecodable bytes are an error (UTF-8) rather than replaced
 * @param bomBytes how many bytes of byte-order mark to skip at the start
 * @param delimiter the character between values
 * @param header whether the first row holds column names
 * @param bytesPerRow average bytes per row in the sample, to size the column arrays
 * @param notes plain-language lines about what was detected, for the log
 */
public record CsvLayout(
    Charset charset,
    boolean strict,
    int bomBytes,
    char delimiter,
    boolean header,
    double bytesPerRow,
    java.util.List<String> notes) {

  /** Copies the notes. */
  public CsvLayout {
    notes = java.util.List.copyOf(notes);
  }

  /** Returns whether numbers may use a decimal comma (files separated by semicolons). */
  public boolean decimalComma() {
    return delimiter == ';';
  }

  /** Returns the delimiter in words ("comma", "semicolon", "tab", "pipe"). */
  public String delimiterName() {
    return switch (delimiter) {
      case ',' -> "comma";
      case ';' -> "semicolon";
      case '\t' -> "tab";
      case '|' -> "pipe (|)";
      default -> "'" + delimiter + "'";
    };
  }

  /** Returns a copy that reads the file as another charset, replacing undecodable bytes. */
  public CsvLayout withLenientCharset(Charset other, String note) {
    var n = new java.util.ArrayList<>(notes);
    n.add(note);
    return new CsvLayout(other, false, bomBytes, delimiter, header, bytesPerRow, n);
  }
}
