package dev.blocksmith.nodes.data.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSampleTest {
  @TempDir Path dir;

  /** An analyst's export: ids, dates, notes, a category with gaps, ';' and decimal commas. */
  private Path export(int rows) throws Exception {
    StringBuilder csv = new StringBuilder("patient_id;visit;note;size;kind\n");
    for (int i = 0; i < rows; i++) {
      csv.append(1000 + i)
          .append(";2024-0")
          .append(1 + i % 9)
          .append("-1")
          .append(i % 10)
          .append(";seen by dr ")
          .append(i * 7)
          .append(" about thing ")
          .append(i)
          .append(';')
          .append(i % 4 == 0 ? "" : (i % 13) + "," + (i % 10))
          .append(';')
          .append(i % 5 == 0 ? "NA" : new String[] {"a", "b", "c"}[i % 3])
          .append('\n');
    }
    return Files.writeString(dir.resolve("export.csv"), csv, StandardCharsets.UTF_8);
  }

  @Test
  void showsTypesMissingPreviewAndGuessesOfAnExport() throws Exception {
    CsvSample s = CsvSample.read(export(60), CsvSample.DEFAULT_ROWS);
    Map<String, CsvSample.ColumnInfo> by =
        s.columns().stream()
            .collect(Collectors.toMap(CsvSample.ColumnInfo::name, Function.identity()));
    assertThat(s.names()).containsExactly("patient_id", "visit", "note", "size", "kind");
    assertThat(s.rows()).isEqualTo(60);
    assertThat(s.more()).isFalse();
    assertThat(by.get("patient_id").kind()).isEqualTo("id");
    assertThat(by.get("patient_id").guess().reason()).contains("looks like an id");
    assertThat(by.get("visit").kind()).isEqualTo("date");
    assertThat(by.get("note").kind()).isEqualTo("text");
    assertThat(by.get("note").guess().kind()).isEqualTo(ColumnGuesses.Kind.TEXT);
    assertThat(by.get("size").kind()).isEqualTo("number");
    assertThat(by.get("size").missing()).isEqualTo(15);
    assertThat(by.get("size").preview()).containsExactly("1.1", "2.2", "3.3");
    assertThat(by.get("size").guess()).isNull();
    assertThat(by.get("kind").kind()).isEqualTo("category");
    assertThat(by.get("kind").missing()).isEqualTo(12);
    assertThat(by.get("patient_id").preview()).containsExactly("1000", "1001", "1002");
  }

  @Test
  void readsOnlyTheFirstRowsOfALargeFile() throws Exception {
    CsvSample s = CsvSample.read(export(3000), 100);
    assertThat(s.rows()).isEqualTo(100);
    assertThat(s.more()).isTrue();
    assertThat(s.columns()).hasSize(5);
  }

  @Test
  void anEmptyFileHasNoColumns() throws Exception {
    CsvSample s = CsvSample.read(Files.writeString(dir.resolve("e.csv"), ""), 10);
    assertThat(s.columns()).isEmpty();
  }
}
