package dev.blocksmith.nodes.data.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Looks at the start of a CSV file to detect its encoding (UTF-8 with or without a byte-order mark,
 * else Windows-1252), its delimiter and whether its first row is a header. Cells are split by
 * Jackson's CSV parser, so quoting is handled the same way as when the file is read.
 */
public final class CsvSniffer {

  /** Bytes read from the start of the file to detect its layout. */
  public static final int SAMPLE_BYTES = 64 * 1024;

  /** The Windows-1252 (Western European) charset used when a file is not valid UTF-8. */
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private static final char[] CANDIDATES = {',', ';', '\t', '|'};
  private static final int SAMPLE_ROWS = 50;

  private CsvSniffer() {}

  /** The file is not text in an encoding Blocksmith reads; the message says why and what to do. */
  public static final class NotText extends IOException {
    private static final long serialVersionUID = 1L;

    NotText(String message) {
      super(message);
    }
  }

  /**
   * Returns the layout of a file.
   *
   * @param file the file
   * @param encoding "auto", "UTF-8" or "Windows-1252"
   * @param delimiter "auto" or the delimiter itself ("tab" for a tab)
   * @param header "auto", "yes" or "no"
   */
  public static CsvLayout sniff(Path file, String encoding, String delimiter, String header)
      throws IOException {
    byte[] sample;
    try (InputStream in = Files.newInputStream(file)) {
      sample = in.readNBytes(SAMPLE_BYTES);
    }
    boolean truncated = sample.length == SAMPLE_BYTES;
    List<String> notes = new ArrayList<>();
    int bom = hasUtf8Bom(sample) ? 3 : 0;
    Charset charset;
    boolean strict;
    Unicode wide = Unicode.of(sample);
    if (wide != null) {
      charset = wide.charset();
      strict = true;
      bom = wide.bom();
      notes.add("The file is stored as " + wide.label() + "; it was decoded as such.");
    } else if (nulByte(sample) >= 0) {
      throw new NotText(
          "line "
              + lineOf(sample, nulByte(sample))
              + " holds a zero byte, so "
              + "this is not a text file (or it is UTF-16 without a byte-order mark). Save it as CSV "
              + "in UTF-8 and load it again.");
    } else if (encoding.equalsIgnoreCase("Windows-1252")) {
      charset = WINDOWS_1252;
      strict = false;
    } else {
      charset = StandardCharsets.UTF_8;
      strict = true;
      int bad = firstInvalidUtf8(sample, bom);
      if (bad >= 0 && !encoding.equalsIgnoreCase("UTF-8")) {
        charset = WINDOWS_1252;
        strict = false;
        notes.add(
            "Line "
                + lineOf(sample, bad)
                + " has bytes that are not valid UTF-8, so the file"
                + " is read as Windows-1252 (Western European). If letters such as é or ü look wrong,"
                + " save the file as UTF-8 and load it again.");
      }
    }
    if (bom == 3 && wide == null) {
      notes.add("The file starts with a UTF-8 byte-order mark; it was skipped.");
    }
    String text = new String(sample, bom, sample.length - bom, charset);
    char delim = delimiter.equals("auto") ? detectDelimiter(text, truncated) : named(delimiter);
    List<String[]> rows = rows(text, delim, truncated);
    boolean hasHeader =
        header.equals("auto") ? detectHeader(rows, delim == ';') : header.equals("yes");
    double bytesPerRow = rows.isEmpty() ? 64 : (double) (sample.length - bom) / rows.size();
    CsvLayout layout = new CsvLayout(charset, strict, bom, delim, hasHeader, bytesPerRow, notes);
    String how = delimiter.equals("auto") ? "Detected" : "Using";
    var all = new ArrayList<>(notes);
    all.add(
        how
            + " values separated by "
            + layout.delimiterName()
            + (hasHeader ? ", with column names in the first row." : ", with no header row."));
    return new CsvLayout(charset, strict, bom, delim, hasHeader, bytesPerRow, all);
  }

  private static char named(String delimiter) {
    return delimiter.equalsIgnoreCase("tab") ? '\t' : delimiter.charAt(0);
  }

  /** UTF-16 and UTF-32 files, recognised by their byte-order mark (or by zero bytes). */
  private record Unicode(Charset charset, int bom, String label) {
    static Unicode of(byte[] b) {
      int n = b.length;
      int b0 = n > 0 ? b[0] & 0xFF : -1;
      int b1 = n > 1 ? b[1] & 0xFF : -1;
      int b2 = n > 2 ? b[2] & 0xFF : -1;
      int b3 = n > 3 ? b[3] & 0xFF : -1;
      if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
        return new Unicode(Charset.forName("UTF-32LE"), 4, "UTF-32 (little-endian)");
      }
      if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
        return new Unicode(Charset.forName("UTF-32BE"), 4, "UTF-32 (big-endian)");
      }
      if (b0 == 0xFF && b1 == 0xFE) {
        return new Unicode(StandardCharsets.UTF_16LE, 2, "UTF-16 (little-endian)");
      }
      if (b0 == 0xFE && b1 == 0xFF) {
        return new Unicode(StandardCharsets.UTF_16BE, 2, "UTF-16 (big-endian)");
      }
      // No mark: text in UTF-16 has a zero in every other byte for Latin letters and digits.
      int evenZeros = 0;
      int oddZeros = 0;
      int pairs = Math.min(n / 2, 4096);
      for (int i = 0; i < pairs; i++) {
        evenZeros += b[2 * i] == 0 ? 1 : 0;
        oddZeros += b[2 * i + 1] == 0 ? 1 : 0;
      }
      if (pairs >= 2 && oddZeros > 0.7 * pairs && evenZeros == 0) {
        return new Unicode(StandardCharsets.UTF_16LE, 0, "UTF-16 (little-endian, no mark)");
      }
      if (pairs >= 2 && evenZeros > 0.7 * pairs && oddZeros == 0) {
        return new Unicode(StandardCharsets.UTF_16BE, 0, "UTF-16 (big-endian, no mark)");
      }
      return null;
    }
  }

  private static int nulByte(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasUtf8Bom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  /**
   * Returns the offset of the first byte that is not valid UTF-8, or -1 (a cut-off end is fine).
   */
  static int firstInvalidUtf8(byte[] sample, int from) {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(sample, from, sample.length - from);
    CharBuffer out = CharBuffer.allocate(sample.length);
    CoderResult r = dec.decode(in, out, false);
    return r.isError() ? in.position() : -1;
  }

  /** Returns the line of the first byte in a file that is not valid UTF-8, or -1 when none. */
  public static long lineOfFirstInvalidUtf8(Path file) throws IOException {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    long line = 1;
    try (InputStream s = Files.newInputStream(file)) {
      int n;
      while ((n = s.read(in.array(), in.position(), in.remaining())) >= 0) {
        in.position(in.position() + n);
        in.flip();
        int start = in.position();
        CoderResult r = dec.decode(in, out, false);
        for (int i = start; i < in.position(); i++) {
          line += in.get(i) == '\n' ? 1 : 0;
        }
        if (r.isError()) {
          return line;
        }
        out.clear();
        in.compact();
      }
    }
    return -1;
  }

  private static int lineOf(byte[] sample, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      line += sample[i] == '\n' ? 1 : 0;
    }
    return line;
  }

  private static char detectDelimiter(String text, boolean truncated) {
    char best = ',';
    double bestScore = 0;
    for (char c : CANDIDATES) {
      List<String[]> rows = rows(text, c, truncated);
      if (rows.isEmpty()) {
        continue;
      }
      int[] widths = rows.stream().mapToInt(r -> r.length).toArray();
      int mode = mode(widths);
      if (mode < 2) {
        continue;
      }
      long same = java.util.Arrays.stream(widths).filter(w -> w == mode).count();
      // Consistent widths matter most; a wider split breaks ties.
      double score = (double) same / widths.length * 1000 + Math.min(mode, 999) / 1000.0;
      if (widths[0] == mode) {
        score += 0.5;
      }
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  }

  private static int mode(int[] widths) {
    java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
    int best = 0;
    int bestCount = 0;
    for (int w : widths) {
      int n = counts.merge(w, 1, Integer::sum);
      if (n > bestCount || (n == bestCount && w > best)) {
        best = w;
        bestCount = n;
      }
    }
    return best;
  }

  /**
   * Returns up to {@link #SAMPLE_ROWS} rows of the sample, leaving out a row cut off at its end.
   */
  static List<String[]> rows(String text, char delimiter, boolean truncated) {
    List<String[]> out = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
    try (MappingIterator<String[]> it =
        mapper.readerFor(String[].class).with(schema).readValues(text)) {
      while (it.hasNextValue() && out.size() <= SAMPLE_ROWS) {
        out.add(it.nextValue());
      }
    } catch (IOException | RuntimeException e) {
      // The sample may end inside a quoted value; the rows before it still tell the layout.
    }
    if (truncated && !out.isEmpty() && out.size() <= SAMPLE_ROWS) {
      out.remove(out.size() - 1);
    }
    return out.size() > SAMPLE_ROWS ? out.subList(0, SAMPLE_ROWS) : out;
  }

  private static boolean detectHeader(List<String[]> rows, boolean decimalComma) {
    if (rows.isEmpty()) {
      return false;
    }
    String[] first = rows.get(0);
    Set<String> seen = new HashSet<>();
    for (String cell : first) {
      if (cell.isEmpty()
          || !Double.isNaN(Cells.parseNumber(cell, decimalComma))
          || !seen.add(cell)) {
        return false;
      }
    }
    if (rows.size() == 1) {
      return true;
    }
    for (int j = 0; j < first.length; j++) {
      int numbers = 0;
      int present = 0;
      for (String[] r : rows.subList(1, rows.size())) {
        if (j < r.length && !Cells.isMissing(r[j])) {
          present++;
          if (r[j].equals(first[j])) {
            return false;
          }
          numbers += Double.isNaN(Cells.parseNumber(r[j], decimalComma)) ? 0 : 1;
        }
      }
      if (present > 0 && numbers * 2 >= present) {
        return true;
      }
    }
    // All text: a first row whose values never reappear below reads as names.
    return true;
  }
}
