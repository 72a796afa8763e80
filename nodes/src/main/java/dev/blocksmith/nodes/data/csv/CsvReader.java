package dev.blocksmith.nodes.data.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Column;
import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams a CSV file through Jackson's token parser into {@link ColumnBuilder}s: one reused array
 * of cells per row, no row objects kept. Reports progress and checks for cancellation every {@link
 * #CHECK_EVERY} rows; turns every problem into a {@link NodeException} naming the file, the line
 * and what was expected.
 */
public final class CsvReader {

  /** Rows between progress reports and cancellation checks. */
  public static final int CHECK_EVERY = 8192;

  /** Most line numbers of skipped rows kept for the log. */
  public static final int MAX_SKIPPED_LINES = 5;

  /** Most columns a CSV file may have (each becomes a column of the table and a model input). */
  public static final int MAX_COLUMNS = 5_000;

  /** Longest single value, in characters. */
  public static final int MAX_CELL_CHARS = 1_000_000;

  /** Returns a CSV factory with the value-length limit set. */
  static CsvFactory factory() {
    return CsvFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder().maxStringLength(MAX_CELL_CHARS).build())
        .build();
  }

  /**
   * What was read.
   *
   * @param columns the columns, typed
   * @param rows rows kept
   * @param skipped rows skipped because they had the wrong number of values
   * @param skippedLines the first few line numbers of skipped rows
   * @param layout the layout used (its notes say what was detected or changed)
   */
  public record Result(
      List<Column> columns, int rows, int skipped, List<Long> skippedLines, CsvLayout layout) {}

  private final Path file;
  private final String param;
  private final boolean skipBadRows;
  private final Set<String> categoryColumns;
  private final NodeContext ctx;

  /**
   * Creates a reader.
   *
   * @param file the file
   * @param param the name of the block's file param, for errors
   * @param skipBadRows whether rows of the wrong width are skipped (counted) rather than fatal
   * @param categoryColumns columns whose text is always a category (label and group)
   * @param ctx progress, log and cancellation
   */
  public CsvReader(
      Path file, String param, boolean skipBadRows, Set<String> categoryColumns, NodeContext ctx) {
    this.file = file;
    this.param = param;
    this.skipBadRows = skipBadRows;
    this.categoryColumns = categoryColumns;
    this.ctx = ctx;
  }

  /**
   * Reads the file with the given layout. When the layout decodes strictly and {@code fallback} is
   * set, a file that turns out not to be valid UTF-8 is read again as Windows-1252 and the layout's
   * notes say so.
   */
  public Result read(CsvLayout layout, boolean fallback) throws NodeException, IOException {
    long size = Files.size(file);
    Result chunked = ChunkedCsvReader.tryRead(file, layout, categoryColumns, ctx);
    if (chunked != null) {
      return chunked;
    }
    CsvFactory factory = factory();
    try (CountingStream counted = new CountingStream(Files.newInputStream(file));
        CsvParser p = parser(factory, skipBom(counted, layout), layout)) {
      return parse(p, layout, size, counted);
    } catch (CharacterCodingException | CharConversionException e) {
      long line = CsvSniffer.lineOfFirstInvalidUtf8(file);
      if (fallback) {
        return read(
            layout.withLenientCharset(
                CsvSniffer.WINDOWS_1252,
                "Line "
                    + line
                    + " has bytes that are not valid UTF-8, so the file is read as"
                    + " Windows-1252 (Western European). If letters such as é or ü look wrong, save"
                    + " the file as UTF-8 and load it again."),
            false);
      }
      throw NodeException.atParam(
          ctx.nodeId(),
          param,
          name()
              + " line "
              + line
              + " has bytes that are not valid "
              + layout.charset().displayName()
              + " text.",
          "Set the encoding to auto or Windows-1252, or save the file as UTF-8 and load it again.");
    }
  }

  private long lastLine = 1;

  private static InputStream skipBom(InputStream in, CsvLayout layout) throws IOException {
    in.skipNBytes(layout.bomBytes());
    return in;
  }

  /**
   * Returns a parser over the stream (positioned after any byte-order mark). Strict UTF-8 goes to
   * Jackson as bytes: its own UTF-8 decoder reads this benchmark's files about 1.3× faster than an
   * {@code InputStreamReader} and reports malformed bytes as a {@link CharConversionException} (it
   * does not reject overlong forms or encoded surrogates, which no real text editor writes). Other
   * charsets go through a JDK decoder.
   */
  static CsvParser parser(CsvFactory factory, InputStream in, CsvLayout layout) throws IOException {
    CsvParser p;
    if (layout.strict() && layout.charset().equals(StandardCharsets.UTF_8)) {
      p = factory.createParser(in);
    } else {
      CodingErrorAction onError =
          layout.strict() ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
      p =
          factory.createParser(
              new InputStreamReader(
                  in,
                  layout
                      .charset()
                      .newDecoder()
                      .onMalformedInput(onError)
                      .onUnmappableCharacter(onError)));
    }
    p.setSchema(CsvSchema.emptySchema().withColumnSeparator(layout.delimiter()));
    p.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    p.enable(CsvParser.Feature.TRIM_SPACES);
    return p;
  }

  private Result parse(CsvParser p, CsvLayout layout, long size, CountingStream counted)
      throws IOException, NodeException {
    List<String> names = null;
    ColumnBuilder[] builders = null;
    String[] cells = new String[16];
    int rows = 0;
    int skipped = 0;
    List<Long> skippedLines = new ArrayList<>();
    JsonToken t;
    while ((t = next(p)) != null) {
      if (t != JsonToken.START_ARRAY) {
        continue;
      }
      lastLine = p.currentLocation().getLineNr();
      long line = lastLine;
      int count = 0;
      boolean extraValues = false;
      while ((t = next(p)) == JsonToken.VALUE_STRING) {
        if (count >= MAX_COLUMNS && (builders == null || count >= builders.length)) {
          throw NodeException.atParam(
              ctx.nodeId(),
              param,
              name()
                  + " line "
                  + line
                  + " has more than "
                  + String.format("%,d", MAX_COLUMNS)
                  + " values; Blocksmith reads tables of at most that many columns.",
              "Keep only the columns you need (a spreadsheet can delete the others), or check "
                  + "that the delimiter is right.");
        }
        if (count < cells.length) {
          cells[count] = p.getText();
        } else if (builders == null) {
          cells = java.util.Arrays.copyOf(cells, cells.length * 2);
          cells[count] = p.getText();
        } else if (!p.getText().isEmpty()) {
          extraValues = true;
        }
        count++;
      }
      if (count == 0 || (count == 1 && cells[0].isEmpty())) {
        continue; // a blank line
      }
      if (builders == null) {
        names = names(cells, count, layout.header());
        cells = java.util.Arrays.copyOf(cells, names.size());
        builders = new ColumnBuilder[names.size()];
        int capacity = (int) Math.min(50_000_000, size / Math.max(1, layout.bytesPerRow()) * 1.05);
        for (int j = 0; j < builders.length; j++) {
          builders[j] = new ColumnBuilder(names.get(j), layout.decimalComma(), capacity);
        }
        if (layout.header()) {
          continue;
        }
      }
      int width = builders.length;
      if (count < width || (count > width && extraValues)) {
        if (!skipBadRows) {
          throw NodeException.atParam(
              ctx.nodeId(),
              param,
              name()
                  + " line "
                  + line
                  + " has "
                  + count
                  + " value"
                  + (count == 1 ? "" : "s")
                  + " but "
                  + (layout.header() ? "the header has " : "the first row has ")
                  + width
                  + ".",
              "Fix that line (a value may contain an unquoted "
                  + layout.delimiterName()
                  + "; put such values in double quotes), or turn on \"Skip bad rows\".");
        }
        skipped++;
        if (skippedLines.size() < MAX_SKIPPED_LINES) {
          skippedLines.add(line);
        }
        continue;
      }
      for (int j = 0; j < width; j++) {
        builders[j].add(cells[j]);
      }
      rows++;
      if (rows % CHECK_EVERY == 0) {
        ctx.checkCancelled();
        ctx.progress(
            Math.min(0.99, (double) counted.count / Math.max(1, size)),
            String.format("%,d rows read", rows));
      }
    }
    if (builders == null) {
      throw NodeException.atParam(
          ctx.nodeId(),
          param,
          name() + " is empty: it has no rows.",
          "Choose a CSV file with a header row and at least two data rows.");
    }
    if (rows == 0) {
      throw NodeException.atParam(
          ctx.nodeId(),
          param,
          name()
              + " has only a header row ("
              + String.join(", ", names)
              + ") and no data rows"
              + (skipped > 0 ? " that could be read (" + skipped + " bad rows were skipped)" : "")
              + ".",
          "Add data rows below the header, or choose another file.");
    }
    List<Column> columns = new ArrayList<>(builders.length);
    for (int j = 0; j < builders.length; j++) {
      columns.add(builders[j].build(categoryColumns.contains(names.get(j))));
      builders[j] = null;
    }
    return new Result(columns, rows, skipped, skippedLines, layout);
  }

  private JsonToken next(CsvParser p) throws IOException, NodeException {
    try {
      return p.nextToken();
    } catch (StreamConstraintsException e) {
      throw NodeException.atParam(
          ctx.nodeId(),
          param,
          name()
              + " line "
              + lastLine
              + " holds a value longer than "
              + String.format("%,d", MAX_CELL_CHARS)
              + " characters; that is not table data.",
          "Check that line (an unclosed quote can swallow the rest of the file), or that this "
              + "is the right file.");
    } catch (StreamReadException e) {
      String msg = String.valueOf(e.getOriginalMessage());
      if (msg.contains("closing quote")) {
        throw NodeException.atParam(
            ctx.nodeId(),
            param,
            name()
                + " line "
                + lastLine
                + " has a value that opens a double quote (\") that is"
                + " never closed, so the rest of the file reads as one value.",
            "Add the missing closing quote on line " + lastLine + ", or remove the stray quote.");
      }
      throw NodeException.atParam(
          ctx.nodeId(),
          param,
          name() + " line " + lastLine + " could not be read as CSV: " + msg,
          "Open the file in a text editor and check that line.");
    }
  }

  static List<String> names(String[] cells, int count, boolean header) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < count; j++) {
      String base = header && !cells[j].isEmpty() ? cells[j] : "column " + (j + 1);
      String n = base;
      for (int k = 2; !seen.add(n); k++) {
        n = base + " (" + k + ")";
      }
      names.add(n);
    }
    return names;
  }

  private String name() {
    return file.getFileName().toString();
  }

  /** An input stream that counts the bytes read, for progress. */
  private static final class CountingStream extends FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(new BufferedInputStream(in, 1 << 16));
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b >= 0 ? 1 : 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(0, n);
      return n;
    }
  }
}
