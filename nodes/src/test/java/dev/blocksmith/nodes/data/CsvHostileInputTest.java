package dev.blocksmith.nodes.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files in other encodings, too wide, with absurd lines, or not text at all. */
class CsvHostileInputTest {
  @TempDir Path dir;
  private final LoadCsv block = new LoadCsv();

  private Table load(byte[] content) throws Exception {
    Files.write(dir.resolve("data.csv"), content);
    Map<String, JsonNode> given =
        Map.of(LoadCsv.FILE.name(), JsonNodeFactory.instance.textNode("data.csv"));
    try (TestContext ctx = new TestContext("load").withBaseDir(dir)) {
      return (Table)
          block
              .execute(new Inputs("load", Map.of()), Params.of(block.spec(), given), ctx)
              .get("table");
    }
  }

  private static byte[] withBom(byte[] bom, String text, Charset cs) {
    byte[] body = text.getBytes(cs);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    return all;
  }

  @Test
  void utf16AndUtf32WithByteOrderMarksAreDecoded() throws Exception {
    String text = "größe,farbe\n1.5,grün\n2.5,blau\n";
    byte[][] files = {
      withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE),
      withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, text, StandardCharsets.UTF_16BE),
      withBom(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, text, Charset.forName("UTF-32LE")),
      withBom(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, text, Charset.forName("UTF-32BE")),
      text.getBytes(StandardCharsets.UTF_16LE), // no mark: recognised by its zero bytes
    };
    for (byte[] f : files) {
      Table t = load(f);
      assertThat(t.columnNames()).containsExactly("größe", "farbe");
      assertThat(((NumberColumn) t.column("größe").orElseThrow()).get(1)).isEqualTo(2.5);
      assertThat(t.column("farbe").orElseThrow().format(0)).isEqualTo("grün");
    }
  }

  @Test
  void binaryFileIsRefusedInPlainWords() {
    Throwable e = catchThrowable(() -> load(new byte[] {'a', ',', 'b', '\n', 1, 0, 7, 0, 0, 9}));
    assertThat(e)
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("zero byte")
        .hasMessageContaining("line 2");
  }

  @Test
  void tooManyColumnsIsRefusedBeforeTheHeapFills() {
    StringBuilder header = new StringBuilder("c0");
    for (int i = 1; i < 20_000; i++) {
      header.append(",c").append(i);
    }
    Throwable e =
        catchThrowable(
            () -> load((header + "\n" + header + "\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(e)
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("line 1 has more than 5,000 values");
  }

  @Test
  void absurdlyLongValueIsRefusedWithItsLine() {
    String huge = "x".repeat(3_000_000);
    Throwable e =
        catchThrowable(() -> load(("a,b\n1,2\n3," + huge + "\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(e)
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("longer than 1,000,000 characters");
  }
}
