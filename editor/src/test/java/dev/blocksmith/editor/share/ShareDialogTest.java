package dev.blocksmith.editor.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.bundle.PipelineBundle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dialog's list names each file with its size, the limit, and what stays behind and why. */
class ShareDialogTest {
  @Test
  void theListNamesFilesSizesTheLimitAndWhatStaysBehind() {
    Map<String, Long> with = new LinkedHashMap<>();
    with.put("data/small.csv", 2048L);
    with.put("models/m.bsmodel", 5L * 1024 * 1024);
    Map<String, Long> without = new LinkedHashMap<>();
    without.put("data/small.csv", 2048L);
    List<String> refs =
        List.of("'load' file big.csv (80,000,000 bytes) was not included: the bundle's data limit");
    var c =
        new ShareDialog.Contents(
            "p.blocksmith",
            "p.json",
            1,
            new PipelineBundle.Result(with, refs),
            new PipelineBundle.Result(without, refs),
            null,
            PipelineBundle.DEFAULT_DATA_LIMIT);
    assertThat(c.modelEntries()).containsExactly("models/m.bsmodel");
    String all = ShareDialog.describe(c, true, true);
    assertThat(all)
        .contains("the pipeline p.json (1 block)")
        .doesNotContain("with its lesson")
        .contains("data/small.csv   2 KB", "models/m.bsmodel   5 MB   (trained model)")
        .contains("Data limit: 50 MB (5.0 MB used)")
        .contains("stay behind as references", "big.csv (80,000,000 bytes) was not included");
    assertThat(ShareDialog.describe(c, false, true))
        .doesNotContain("m.bsmodel")
        .contains("(2 KB used)");
    assertThat(ShareDialog.size(1536)).isEqualTo("1.5 KB");
    assertThat(ShareDialog.size(12)).isEqualTo("12 bytes");
  }
}
