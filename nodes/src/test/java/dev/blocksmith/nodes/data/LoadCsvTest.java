package dev.blocksmith.nodes.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.plan.Signatures;
import dev.blocksmith.engine.spi.CancelledException;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCsvTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  @TempDir Path dir;
  private final LoadCsv block = new LoadCsv();
  private TestContext ctx;

  private Table load(String content, String... params) throws Exception {
    return load(content.getBytes(StandardCharsets.UTF_8), params);
  }

  private Table load(byte[] content, String... params) throws Exception {
    Files.write(dir.resolve("sales.csv"), content);
    Map<String, JsonNode> given = new HashMap<>();
    given.put(LoadCsv.FILE.name(), JSON.textNode("sales.csv"));
    for (int i = 0; i < params.length; i += 2) {
      given.put(
          params[i],
          params[i + 1].equals("true") ? JSON.booleanNode(true) : JSON.textNode(params[i + 1]));
    }
    ctx = new TestContext("test").withBaseDir(dir);
    Object out =
        block.execute(new Inputs("n1", Map.of()), Params.of(block.spec(), given), ctx).get("table");
    return (Table) out;
  }

  private NodeException failure(String content, String... params) {
    return (NodeException)
        org.assertj.core.api.Assertions.catchThrowable(() -> load(content, params));
  }

  @Test
  void readsTypesAndRoles() throws Exception {
    Table t =
        load(
            "id,age,city,member,name,bought\n"
                + "1,30,Paris,yes,Ann Lee,no\n2,41.5,Rome,no,Bob Stone,yes\n3,,Paris,yes,Cy Twombly,no\n"
                + "4,25,Oslo,no,Dee Dee,yes\n",
            LoadCsv.LABEL.name(),
            "bought",
            LoadCsv.IDS.name(),
            "id");
    assertThat(t.rowCount()).isEqualTo(4);
    assertThat(t.columnNames()).containsExactly("id", "age", "city", "member", "name", "bought");
    assertThat(t.column("age").orElseThrow().type()).isEqualTo(ColumnType.NUMBER);
    assertThat(((NumberColumn) t.column("age").orElseThrow()).get(1)).isEqualTo(41.5);
    assertThat(t.column("age").orElseThrow().isMissing(2)).isTrue();
    assertThat(t.column("city").orElseThrow().type()).isEqualTo(ColumnType.CATEGORY);
    assertThat(t.column("member").orElseThrow().type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(t.column("bought").orElseThrow().type()).isEqualTo(ColumnType.CATEGORY);
    assertThat(t.role("bought")).isEqualTo(ColumnRole.LABEL);
    assertThat(t.role("id")).isEqualTo(ColumnRole.ID);
    assertThat(ctx.logText())
        .contains("Detected values separated by comma")
        .contains("Loaded 4 rows × 6 columns from sales.csv");
    assertThat(ctx.progressValues()).contains(1.0);
  }

  @Test
  void freeTextIsKeptButIgnored() throws Exception {
    StringBuilder csv = new StringBuilder("comment,score\n");
    for (int i = 0; i < 60; i++) {
      csv.append("remark number ").append(i).append(',').append(i % 7).append('\n');
    }
    Table t = load(csv.toString());
    assertThat(t.column("comment").orElseThrow()).isInstanceOf(TextColumn.class);
    assertThat(t.role("comment")).isEqualTo(ColumnRole.IGNORE);
    assertThat(ctx.logText()).contains("\"comment\" holds free text");
  }

  @Test
  void leaveOutKeepsTheColumnButNeverLearnsFromIt() throws Exception {
    Table t = load("a,b,c\n1,2,x\n3,4,y\n5,6,x\n", "ignoreColumns", "b", "label", "c");
    assertThat(t.column("b")).isPresent();
    assertThat(t.role("b")).isEqualTo(ColumnRole.IGNORE);
    assertThat(t.role("a")).isEqualTo(ColumnRole.FEATURE);
    assertThat(failure("a,b\n1,2\n3,4\n", "ignoreColumns", "zz").getMessage())
        .contains("column to leave out \"zz\"");
  }

  @Test
  void skipsUtf8ByteOrderMark() throws Exception {
    Table t = load("\uFEFFname,age\nann,30\nbob,40\n");
    assertThat(t.columnNames()).containsExactly("name", "age");
    assertThat(ctx.logText()).contains("byte-order mark");
  }

  @Test
  void readsSemicolonsWithDecimalCommas() throws Exception {
    Table t = load("city;temp\nParis;12,5\nRome;20,25\nOslo;-3\n");
    assertThat(ctx.logText()).contains("semicolon");
    NumberColumn temp = (NumberColumn) t.column("temp").orElseThrow();
    assertThat(temp.toArray()).containsExactly(12.5, 20.25, -3.0);
  }

  @Test
  void keepsDelimitersAndNewlinesInsideQuotes() throws Exception {
    Table t = load("name,note,n\n\"Smith, J\",\"first line\nsecond line\",1\nLee,plain,2\n");
    assertThat(t.rowCount()).isEqualTo(2);
    assertThat(t.column("name").orElseThrow().format(0)).isEqualTo("Smith, J");
    assertThat(t.column("note").orElseThrow().format(0)).isEqualTo("first line\nsecond line");
  }

  @Test
  void fallsBackToWindows1252AndSaysSo() throws Exception {
    byte[] latin =
        "name,city\nJos\u00e9,M\u00fcnchen\nAnn,Paris\n".getBytes(StandardCharsets.ISO_8859_1);
    Table t = load(latin);
    assertThat(t.column("name").orElseThrow().format(0)).isEqualTo("Jos\u00e9");
    assertThat(ctx.logText())
        .contains("Line 2 has bytes that are not valid UTF-8")
        .contains("Windows-1252");
  }

  @Test
  void fallsBackWhenTheBadByteComesAfterTheSample() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("word,count\n".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 10_000; i++) {
      out.writeBytes(("plain" + (i % 5) + "," + i + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("caf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
    Table t = load(out.toByteArray());
    assertThat(t.rowCount()).isEqualTo(10_001);
    assertThat(t.column("word").orElseThrow().format(10_000)).isEqualTo("caf\u00e9");
    assertThat(ctx.logText()).contains("Line 10002 has bytes that are not valid UTF-8");
  }

  @Test
  void strictUtf8NamesTheLineOfTheBadBytes() {
    assertThatThrownBy(
            () ->
                load(
                    "a,b\n1,2\nx\u00ff,3\n".getBytes(StandardCharsets.ISO_8859_1),
                    LoadCsv.ENCODING.name(),
                    "UTF-8"))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("sales.csv line 3 has bytes that are not valid UTF-8");
  }

  @Test
  void raggedRowNamesFileLineAndExpectation() {
    StringBuilder csv = new StringBuilder("a,b,c,d\n");
    for (int line = 2; line < 14; line++) {
      csv.append("1,2,3,4\n");
    }
    csv.append("1,2,3,4,5\n");
    NodeException e = failure(csv.toString());
    assertThat(e.getMessage()).isEqualTo("sales.csv line 14 has 5 values but the header has 4.");
    assertThat(e.param()).isEqualTo(LoadCsv.FILE.name());
    assertThat(e.fix()).contains("Skip bad rows");
  }

  @Test
  void skipsBadRowsAndCountsThem() throws Exception {
    Table t = load("a,b\n1,2\n3\n4,5\n6,7,8\n9,10\n", LoadCsv.SKIP_BAD_ROWS.name(), "true");
    assertThat(t.rowCount()).isEqualTo(3);
    assertThat(ctx.logText()).contains("Skipped 2 bad rows").contains("lines 3, 5");
  }

  @Test
  void emptyFileIsAClearError() {
    assertThat(failure("").getMessage()).isEqualTo("sales.csv is empty: it has no rows.");
    assertThat(failure("\n\n").getMessage()).isEqualTo("sales.csv is empty: it has no rows.");
  }

  @Test
  void headerOnlyFileIsAClearError() {
    assertThat(failure("name,age,city\n").getMessage())
        .contains("sales.csv has only a header row (name, age, city) and no data rows");
  }

  @Test
  void readsASingleColumn() throws Exception {
    Table t = load("value\n1\n2\n3\n");
    assertThat(t.columnNames()).containsExactly("value");
    assertThat(((NumberColumn) t.columns().get(0)).toArray()).containsExactly(1, 2, 3);
  }

  @Test
  void readsMissingMarkers() throws Exception {
    Table t = load("x,y\n1,a\nNA,b\nN/A,a\nnull,b\n?,a\n-,b\n,a\n2.5,b\n");
    NumberColumn x = (NumberColumn) t.column("x").orElseThrow();
    assertThat(x.missingCount()).isEqualTo(6);
    assertThat(x.get(7)).isEqualTo(2.5);
  }

  @Test
  void missingLabelListsTheColumns() {
    NodeException e = failure("name,age\nann,3\nbob,4\n", LoadCsv.LABEL.name(), "Age");
    assertThat(e.getMessage())
        .isEqualTo(
            "The column to predict \"Age\" is not in sales.csv. Its columns are: name, age.");
    assertThat(e.param()).isEqualTo(LoadCsv.LABEL.name());
  }

  @Test
  void labelWithOneClassIsAClearError() {
    NodeException e = failure("x,ok\n1,yes\n2,yes\n3,yes\n", LoadCsv.LABEL.name(), "ok");
    assertThat(e.getMessage()).contains("\"ok\", has the same value (yes) in every row");
  }

  @Test
  void unterminatedQuoteNamesTheLine() {
    NodeException e = failure("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
    assertThat(e.getMessage()).contains("sales.csv line 3").contains("never closed");
  }

  @Test
  void headerlessFilesGetNumberedColumns() throws Exception {
    Table t = load("1,2\n3,4\n5,6\n");
    assertThat(t.columnNames()).containsExactly("column 1", "column 2");
    assertThat(t.rowCount()).isEqualTo(3);
  }

  @Test
  void groupColumnIsACategoryWithTheGroupRole() throws Exception {
    Table t = load("g,y\n1,a\n2,b\n1,a\n", LoadCsv.GROUP.name(), "g", LoadCsv.LABEL.name(), "y");
    assertThat(t.role("g")).isEqualTo(ColumnRole.GROUP);
    assertThat(t.column("y").orElseThrow()).isInstanceOf(CategoryColumn.class);
  }

  @Test
  void stopsWhenCancelled() throws Exception {
    StringBuilder csv = new StringBuilder("a\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append(i).append('\n');
    }
    Files.writeString(dir.resolve("big.csv"), csv);
    TestContext c = new TestContext("test").withBaseDir(dir);
    c.cancel();
    Params p = Params.of(block.spec(), Map.of(LoadCsv.FILE.name(), JSON.textNode("big.csv")));
    assertThatThrownBy(() -> block.execute(new Inputs("n1", Map.of()), p, c))
        .isInstanceOf(CancelledException.class);
  }

  @Test
  void checkParamsAndTheSignatureFollowTheFile() throws Exception {
    Params p = Params.of(block.spec(), Map.of(LoadCsv.FILE.name(), JSON.textNode("sales.csv")));
    assertThat(block.checkParams(p, dir))
        .singleElement()
        .satisfies(pr -> assertThat(pr.message()).contains("sales.csv was not found"));
    Files.writeString(dir.resolve("sales.csv"), "a\n1\n");
    assertThat(block.checkParams(p, dir)).isEmpty();
    // The engine fingerprints every file param into the signature; the block does nothing itself.
    String before = Signatures.of(block, p, dir, 1, Map.of());
    Files.writeString(dir.resolve("sales.csv"), "a\n1\n2\n");
    assertThat(Signatures.of(block, p, dir, 1, Map.of())).isNotEqualTo(before);
  }
}
