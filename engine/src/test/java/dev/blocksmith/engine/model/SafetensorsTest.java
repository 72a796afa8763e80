package dev.blocksmith.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

  @Test
  void exportedHeaderIsJsonWithContiguousOffsetsAndTorchNames(@TempDir Path dir) throws Exception {
    TrainedModel model =
        ModelBundleTest.random(
            ArchSpec.cnn(1, 8, 8, 3, ArchSpec.Task.CLASSIFICATION),
            new Preprocessing(
                1,
                Preprocessing.Input.IMAGES,
                List.of(),
                List.of(1, 8, 8),
                null,
                ArchSpec.Task.CLASSIFICATION,
                List.of("a", "b", "c"),
                List.of(),
                0,
                1),
            2);
    Path file = dir.resolve("digits.safetensors");
    Path arch = TorchExport.write(model, file);
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(n % 8).isZero();
    JsonNode header =
        new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
    List<String> names = new ArrayList<>();
    long expectedStart = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      var f = it.next();
      if (f.getKey().equals("__metadata__")) {
        continue;
      }
      names.add(f.getKey());
      JsonNode t = f.getValue();
      assertThat(t.get("dtype").asText()).isEqualTo("F32");
      long count = 1;
      for (JsonNode d : t.get("shape")) {
        count *= d.asLong();
      }
      assertThat(t.get("data_offsets").get(0).asLong()).isEqualTo(expectedStart);
      assertThat(t.get("data_offsets").get(1).asLong()).isEqualTo(expectedStart + 4 * count);
      expectedStart += 4 * count;
    }
    assertThat(8 + n + expectedStart).isEqualTo(bytes.length);
    // Conv, ReLU, pool, conv, ReLU, pool, flatten, linear, ReLU, linear: as in torch.nn.Sequential.
    assertThat(names)
        .containsExactly(
            "0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias");
    // The first weight's values are the model's own, little-endian.
    float first =
        ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    assertThat(first).isEqualTo(Weights.read(model).get(0).data()[0]);
    assertThat(new ObjectMapper().readTree(arch.toFile()).get("labels").size()).isEqualTo(3);
  }

  @Test
  void readGivesBackWhatWasWritten() {
    var a = Safetensors.Entry.f32("a", List.of(2L, 2L), new float[] {1, -2, 3.5f, 0});
    var b = new Safetensors.Entry("b", "I8", List.of(3L), new byte[] {-127, 0, 127});
    var c = Safetensors.Entry.f16("c", List.of(2L), new float[] {0.1f, 65504f});
    List<Safetensors.Entry> back = Safetensors.read(Safetensors.write(List.of(a, b, c), Map.of()));
    assertThat(back.get(0).floats()).containsExactly(1, -2, 3.5f, 0);
    assertThat(back.get(1).data()).containsExactly(-127, 0, 127);
    assertThat(back.get(2).floats()).containsExactly(Half.round(new float[] {0.1f})[0], 65504f);
  }

  @Test
  void halfRoundingMatchesKnownValues() {
    assertThat(Half.toFloat(Half.fromFloat(1f))).isEqualTo(1f);
    assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3C00);
    assertThat(Half.fromFloat(-2f)).isEqualTo((short) 0xC000);
    assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7BFF);
    assertThat(Half.toFloat(Half.fromFloat(1e6f))).isInfinite();
    assertThat(Half.toFloat((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
    assertThat(Half.fromFloat((float) Math.pow(2, -24))).isEqualTo((short) 0x0001);
    assertThat(Half.toFloat(Half.fromFloat(0.1f)))
        .isCloseTo(0.1f, org.assertj.core.data.Offset.offset(1e-4f));
  }
}
