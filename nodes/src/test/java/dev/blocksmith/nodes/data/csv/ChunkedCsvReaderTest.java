package dev.blocksmith.nodes.data.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.testing.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading in ranges on several threads gives exactly the table of one pass, or gives way to it. */
class ChunkedCsvReaderTest {
  @TempDir Path dir;

  private Path write(String header, int rows, IntFunction<String> row) throws Exception {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (int i = 0; i < rows; i++) {
      sb.append(row.apply(i)).append('\n');
      if (i % 997 == 0) {
        sb.append('\n'); // blank lines are skipped in both readers
      }
    }
    Path file = dir.resolve("data.csv");
    Files.writeString(file, sb);
    return file;
  }

  private CsvReader.Result onePass(Path file, CsvLayout layout) throws Exception {
    System.setProperty(ChunkedCsvReader.THREADS_PROPERTY, "1");
    try {
      return new CsvReader(
              file, "file", false, Set.of("label"), new TestContext("test").withBaseDir(dir))
          .read(layout, true);
    } finally {
      System.clearProperty(ChunkedCsvReader.THREADS_PROPERTY);
    }
  }

  private CsvReader.Result chunked(Path file, CsvLayout layout) throws Exception {
    return ChunkedCsvReader.tryRead(
        file, layout, Set.of("label"), new TestContext("test").withBaseDir(dir), 3, 0);
  }

  private CsvLayout layout(Path file) throws Exception {
    return CsvSniffer.sniff(file, "auto", "auto", "auto");
  }

  @Test
  void mixedColumnsGiveTheTableOfOnePass() throws Exception {
    String[] cities = {"Paris", "Rome", "Oslo", "Lima"};
    Path file =
        write(
            "x,y,city,flag,label,note",
            20_000,
            i ->
                i
                    + ","
                    + (i % 7 == 0 ? "NA" : i * 0.25)
                    + ","
                    + cities[i % 4]
                    + ","
                    + (i % 2 == 0 ? "yes" : "no")
                    + ","
                    + (i % 3)
                    + ",n"
                    + i);
    CsvLayout layout = layout(file);
    CsvReader.Result chunked = chunked(file, layout);
    assertThat(chunked).isNotNull();
    assertThat(chunked.rows()).isEqualTo(20_000);
    assertThat(chunked.columns()).isEqualTo(onePass(file, layout).columns());
  }

  @Test
  void numbersThatTurnToTextLateStillMatchOnePass() throws Exception {
    // Column v is numeric until the last rows, so its earlier numbers become text.
    Path file =
        write("v,label", 30_000, i -> (i > 29_000 ? "t" + (i % 5) : i + ".5") + "," + i % 2);
    CsvLayout layout = layout(file);
    CsvReader.Result chunked = chunked(file, layout);
    CsvReader.Result one = onePass(file, layout);
    assertThat(chunked).isNotNull();
    assertThat(chunked.columns()).isEqualTo(one.columns());
  }

  @Test
  void textThenNumbersGivesWayToOnePass() throws Exception {
    // One pass keeps "1.50" as written once the column is text; joining ranges could not.
    Path file = write("v,label", 30_000, i -> (i < 10 ? "word" : "1.50") + "," + i % 2);
    assertThat(chunked(file, layout(file))).isNull();
  }

  @Test
  void quotedFilesAndBadRowsGiveWayToOnePass() throws Exception {
    Path quoted = write("a,label", 30_000, i -> "\"" + i + "\"," + i % 2);
    assertThat(chunked(quoted, layout(quoted))).isNull();
    Path ragged = write("a,b,label", 30_000, i -> i == 25_000 ? "1,2" : i + "," + i + "," + i % 2);
    assertThat(chunked(ragged, layout(ragged))).isNull();
  }
}
