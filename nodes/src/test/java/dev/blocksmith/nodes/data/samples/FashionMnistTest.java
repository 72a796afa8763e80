package dev.blocksmith.nodes.data.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.value.ImageSet;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

  @AfterEach
  void restore() {
    System.clearProperty("blocksmith.fashion-mnist");
  }

  @Test
  void withoutDebiansPackageTheShippedTestPhotosAreUsedAndTheTrainingSetIsRefusedPlainly(
      @TempDir Path empty) {
    System.setProperty("blocksmith.fashion-mnist", empty.toString());
    ImageSet photos = new FashionMnist(true).generate(1000, 0, 3);
    assertThat(photos.size()).isEqualTo(500);
    assertThat(photos.classNames()).hasSize(10).contains("ankle boot");
    int[] counts = new int[10];
    for (int l : photos.labels()) {
      counts[l]++;
    }
    assertThat(counts).containsOnly(50);
    assertThatThrownBy(() -> new FashionMnist(false).generate(100, 0, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get install dataset-fashion-mnist");
  }

  @Test
  void aDrawIsBalancedAndTheSameForTheSameSeed() {
    Assumptions.assumeTrue(FashionMnist.installed(), "needs Debian's dataset-fashion-mnist");
    ImageSet a = new FashionMnist(false).generate(200, 0, 9);
    ImageSet b = new FashionMnist(false).generate(200, 0, 9);
    assertThat(a.sources()).isEqualTo(b.sources());
    int[] counts = new int[10];
    for (int l : a.labels()) {
      counts[l]++;
    }
    assertThat(counts).containsOnly(20);
    assertThat(new FashionMnist(false).generate(200, 0, 10).sources()).isNotEqualTo(a.sources());
  }
}
