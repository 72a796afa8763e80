package dev.blocksmith.nodes.data.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Column;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a large CSV file on several cores: cuts it into byte ranges at line ends, parses each range
 * with its own Jackson parser into its own {@link ColumnBuilder}s, and joins the builders in order.
 * A line end is a safe cut only when no value spans lines, so the cut is used only for files with
 * no double quote at all (every range checks its bytes); on a quote, a bad row, undecodable bytes
 * or columns whose types would not join exactly, it gives up and the caller reads the file in one
 * pass, which reports problems with their exact line numbers. The result is the same table one pass
 * would give.
 */
public final class ChunkedCsvReader {

  /** System property with the number of threads to read with; 1 always reads in one pass. */
  public static final String THREADS_PROPERTY = "blocksmith.csv.threads";

  /** Files smaller than this are read in one pass. */
  static final long MIN_BYTES = 16L << 20;

  private static final long MIN_CHUNK_BYTES = 4L << 20;
  private static final int MAX_THREADS = 8;

  private final Path file;
  private final CsvLayout layout;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong rowsRead = new AtomicLong();

  private ChunkedCsvReader(Path file, CsvLayout layout) {
    this.file = file;
    this.layout = layout;
  }

  /** Signals that this file must be read in one pass. */
  private static final class GiveUp extends Exception {
    GiveUp() {
      super(null, null, false, false);
    }
  }

  /**
   * Returns the file read on several cores, or null when it should be read in one pass (small file,
   * one core, or any of the cases in the class comment).
   *
   * @throws NodeException of kind CANCELLED when the user cancels
   */
  static CsvReader.Result tryRead(
      Path file, CsvLayout layout, Set<String> categoryColumns, NodeContext ctx)
      throws NodeException, IOException {
    int threads =
        Integer.getInteger(
            THREADS_PROPERTY, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    return tryRead(file, layout, categoryColumns, ctx, threads, MIN_BYTES);
  }

  /** As {@link #tryRead(Path, CsvLayout, Set, NodeContext)}, with the limits given (for tests). */
  static CsvReader.Result tryRead(
      Path file,
      CsvLayout layout,
      Set<String> categoryColumns,
      NodeContext ctx,
      int threads,
      long minBytes)
      throws NodeException, IOException {
    long size = Files.size(file);
    if (threads < 2
        || size < minBytes
        || !(layout.charset().equals(StandardCharsets.UTF_8)
            || layout.charset().equals(CsvSniffer.WINDOWS_1252))) {
      return null; // ranges are cut at '\n' bytes, which only works for these encodings
    }
    return new ChunkedCsvReader(file, layout).read(size, threads, categoryColumns, ctx);
  }

  private CsvReader.Result read(
      long size, int threads, Set<String> categoryColumns, NodeContext ctx)
      throws NodeException, IOException {
    List<String> names = firstRow();
    if (names == null) {
      return null;
    }
    List<long[]> ranges = ranges(size, threads);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "load-csv");
              t.setDaemon(true);
              return t;
            });
    List<ColumnBuilder[]> parts = new ArrayList<>();
    try {
      List<Future<ColumnBuilder[]>> futures = new ArrayList<>();
      for (int k = 0; k < ranges.size(); k++) {
        long[] r = ranges.get(k);
        boolean skipHeader = k == 0 && layout.header();
        futures.add(pool.submit(() -> parse(r[0], r[1], names, skipHeader)));
      }
      for (Future<ColumnBuilder[]> f : futures) {
        ColumnBuilder[] part = await(f, size, ctx);
        if (part == null) {
          return null;
        }
        parts.add(part);
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
    List<Column> columns = new ArrayList<>(names.size());
    for (int j = 0; j < names.size(); j++) {
      List<ColumnBuilder> column = new ArrayList<>(parts.size());
      for (ColumnBuilder[] part : parts) {
        column.add(part[j]);
        part[j] = null;
      }
      ColumnBuilder joined = ColumnBuilder.concat(column);
      if (joined == null) {
        return null;
      }
      columns.add(joined.build(categoryColumns.contains(names.get(j))));
    }
    int rows = columns.isEmpty() ? 0 : columns.get(0).size();
    return rows == 0 ? null : new CsvReader.Result(columns, rows, 0, List.of(), layout);
  }

  /** Waits for one range, reporting progress and checking for cancellation meanwhile. */
  private ColumnBuilder[] await(Future<ColumnBuilder[]> f, long size, NodeContext ctx)
      throws NodeException {
    while (true) {
      try {
        return f.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        ctx.checkCancelled();
        ctx.progress(
            Math.min(0.99, (double) bytesRead.get() / size),
            String.format("%,d rows read", rowsRead.get()));
      } catch (ExecutionException e) {
        return null; // GiveUp, undecodable bytes or anything else: one pass will say what
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /** Returns the column names from the first row, or null when the file has none. */
  private List<String> firstRow() throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        CsvParser p = CsvReader.parser(CsvReader.factory(), skip(in, layout.bomBytes()), layout)) {
      List<String> cells = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != JsonToken.START_ARRAY) {
          continue;
        }
        cells.clear();
        while (p.nextToken() == JsonToken.VALUE_STRING) {
          cells.add(p.getText());
        }
        if (!(cells.isEmpty() || (cells.size() == 1 && cells.get(0).isEmpty()))) {
          return CsvReader.names(cells.toArray(new String[0]), cells.size(), layout.header());
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Cuts the file into ranges that each start at the beginning of a line. */
  private List<long[]> ranges(long size, int threads) throws IOException {
    long start = layout.bomBytes();
    int chunks = (int) Math.max(2, Math.min(threads * 3L, (size - start) / MIN_CHUNK_BYTES));
    List<long[]> ranges = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      long from = start;
      for (int k = 1; k < chunks && from < size; k++) {
        long cut = lineStartAtOrAfter(ch, buf, Math.max(from, start + (size - start) * k / chunks));
        if (cut > from && cut < size) {
          ranges.add(new long[] {from, cut});
          from = cut;
        }
      }
      ranges.add(new long[] {from, size});
    }
    return ranges;
  }

  private static long lineStartAtOrAfter(FileChannel ch, ByteBuffer buf, long pos)
      throws IOException {
    long at = pos - 1;
    while (true) {
      buf.clear();
      int n = ch.read(buf, at);
      if (n <= 0) {
        return ch.size();
      }
      for (int i = 0; i < n; i++) {
        if (buf.get(i) == '\n') {
          return at + i + 1;
        }
      }
      at += n;
    }
  }

  /** Parses one range into fresh builders; throws GiveUp for anything one pass must handle. */
  private ColumnBuilder[] parse(long from, long to, List<String> names, boolean skipHeader)
      throws IOException, GiveUp {
    int width = names.size();
    int capacity =
        (int) Math.min(50_000_000, (to - from) / Math.max(1, layout.bytesPerRow()) * 1.05);
    ColumnBuilder[] builders = new ColumnBuilder[width];
    for (int j = 0; j < width; j++) {
      builders[j] = new ColumnBuilder(names.get(j), layout.decimalComma(), capacity);
    }
    String[] cells = new String[width];
    boolean headerPending = skipHeader;
    int rows = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        RangeStream in =
            new RangeStream(
                new BufferedInputStream(Channels.newInputStream(ch.position(from)), 1 << 16),
                to - from);
        CsvParser p = CsvReader.parser(CsvReader.factory(), in, layout)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != JsonToken.START_ARRAY) {
          continue;
        }
        int count = 0;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
          if (count < width) {
            cells[count] = p.getText();
          } else if (!p.getText().isEmpty()) {
            throw new GiveUp();
          }
          count++;
        }
        if (count == 0 || (count == 1 && cells[0].isEmpty())) {
          continue; // a blank line
        }
        if (headerPending) {
          headerPending = false;
          continue;
        }
        if (count < width) {
          throw new GiveUp();
        }
        for (int j = 0; j < width; j++) {
          builders[j].add(cells[j]);
        }
        if (++rows % CsvReader.CHECK_EVERY == 0) {
          rowsRead.addAndGet(CsvReader.CHECK_EVERY);
          if (stop.get() || in.sawQuote) {
            throw new GiveUp();
          }
        }
      }
      if (in.sawQuote) {
        throw new GiveUp();
      }
    }
    return builders;
  }

  private static InputStream skip(InputStream in, int bytes) throws IOException {
    in.skipNBytes(bytes);
    return in;
  }

  /** Reads at most {@code limit} bytes, counting them and noting any double quote. */
  private final class RangeStream extends InputStream {
    private final InputStream in;
    private long left;
    volatile boolean sawQuote;

    RangeStream(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
        bytesRead.addAndGet(n);
        int quotes = 0;
        for (int i = off; i < off + n; i++) {
          quotes |= b[i] == '"' ? 1 : 0;
        }
        if (quotes != 0) {
          sawQuote = true;
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
