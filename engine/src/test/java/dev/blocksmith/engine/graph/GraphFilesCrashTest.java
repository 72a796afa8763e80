package dev.blocksmith.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL while it saves a graph over and over, 100 times: the file and its
 * {@code .bak} must always hold one whole version, and no temp file may stay behind once the file
 * is saved again.
 */
class GraphFilesCrashTest {
  static final int TRIALS = 100;

  @TempDir Path dir;

  private static byte[] version(String name, int nodes) {
    StringBuilder s =
        new StringBuilder("{\"formatVersion\": 2, \"name\": \"" + name + "\", \"nodes\": [");
    for (int i = 0; i < nodes; i++) {
      s.append(i > 0 ? "," : "")
          .append("{\"id\": \"n")
          .append(i)
          .append("\", \"type\": \"data.load-csv\", \"params\": {\"file\": \"f")
          .append(i)
          .append(".csv\"}}");
    }
    try {
      return GraphJson.write(GraphJson.read(s.append("]}").toString()))
          .getBytes(StandardCharsets.UTF_8);
    } catch (GraphFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void killsDuringSavesNeverTearTheGraphOrItsBackup() throws Exception {
    byte[] a = version("small", 20);
    byte[] b = version("large", 4000);
    Path fa = Files.write(dir.resolve("a.src"), a);
    Path fb = Files.write(dir.resolve("b.src"), b);
    Path file = dir.resolve("pipeline.json");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Random random = new Random(11);
    int torn = 0;
    int tornBak = 0;
    int leftoverMax = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      Process p =
          new ProcessBuilder(
                  java,
                  "-Xshare:auto",
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-Xmx64m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  SaveChild.class.getName(),
                  file.toString(),
                  fa.toString(),
                  fb.toString())
              .redirectErrorStream(true)
              .start();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
        String line = r.readLine();
        assertThat(line).as("child output").isEqualTo("ready");
        Thread.sleep(random.nextInt(40));
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor(10, TimeUnit.SECONDS);
      }
      byte[] now = Files.readAllBytes(file);
      torn += Arrays.equals(now, a) || Arrays.equals(now, b) ? 0 : 1;
      Path bak = dir.resolve("pipeline.json.bak");
      if (Files.exists(bak)) {
        byte[] old = Files.readAllBytes(bak);
        tornBak += Arrays.equals(old, a) || Arrays.equals(old, b) ? 0 : 1;
      }
      leftoverMax = Math.max(leftoverMax, temps().size());
    }
    GraphFiles.writeAtomically(file, a, true); // the next save tidies up after the crashes
    System.out.printf(
        "kill -9 trials: %d, torn graph files: %d, torn .bak files: %d, "
            + "temp files left before the next save: at most %d, after it: %d%n",
        TRIALS, torn, tornBak, leftoverMax, temps().size());
    assertThat(torn).isZero();
    assertThat(tornBak).isZero();
    assertThat(temps()).isEmpty();
  }

  private List<Path> temps() throws Exception {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
