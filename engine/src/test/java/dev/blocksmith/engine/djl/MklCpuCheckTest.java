package dev.blocksmith.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MklCpuCheckTest {
  private static final String AMD =
      "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n"
          + "flags\t\t: fpu sse2 avx fma avx2 avx512f\n\nprocessor\t: 1\n";

  @Test
  void onlyAmdOrHygonProcessorsWithAvx2AndFmaWantTheLibrary() {
    assertThat(MklCpuCheck.wanted(AMD)).isTrue();
    assertThat(MklCpuCheck.wanted(AMD.replace("AuthenticAMD", "HygonGenuine"))).isTrue();
    assertThat(MklCpuCheck.wanted(AMD.replace("AuthenticAMD", "GenuineIntel"))).isFalse();
    assertThat(MklCpuCheck.wanted(AMD.replace(" avx2", ""))).isFalse();
    assertThat(MklCpuCheck.wanted(AMD.replace(" fma", " fma4"))).isFalse();
    assertThat(MklCpuCheck.wanted("")).isFalse();
    assertThat(MklCpuCheck.wanted("vendor_id : AuthenticAMD\n")).isFalse();
  }

  @Test
  void writesTheLibraryOnceAndRewritesItWhenItWasChanged(@TempDir Path dir) throws IOException {
    Path lib = MklCpuCheck.library(dir.resolve("native"));
    assertThat(lib.getFileName().toString()).isEqualTo(MklCpuCheck.FILE);
    byte[] bytes = Files.readAllBytes(lib);
    assertThat(bytes).isEqualTo(MklCpuCheck.elf());
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("ELF");
    Files.write(lib, new byte[] {1, 2, 3});
    assertThat(Files.readAllBytes(MklCpuCheck.library(dir.resolve("native")))).isEqualTo(bytes);
    try (var files = Files.list(dir.resolve("native"))) {
      assertThat(files).containsExactly(lib); // no temporary file left behind
    }
  }

  @Test
  void theSystemsDynamicLinkerLoadsTheLibraryWithoutComplaint(@TempDir Path dir) throws Exception {
    assumeTrue(linuxX64());
    Path lib = MklCpuCheck.library(dir);
    // ld.so names any object it cannot preload on stderr and goes on without it.
    Result r = run(List.of("/bin/sh", "-c", "exit 0"), Map.of("LD_PRELOAD", lib.toString()));
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
  }

  @Test
  void matrixProductsAreAsRightWithTheLibraryAsWithout(@TempDir Path dir) throws Exception {
    assumeTrue(linuxX64());
    Path lib = MklCpuCheck.library(dir);
    Result plain = probe(Map.of());
    Result shim = probe(Map.of("LD_PRELOAD", lib.toString()));
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(shim.code()).as(shim.err()).isZero();
    assertThat(shim.err()).doesNotContain("cannot be preloaded");
    // The probe prints the largest relative error of libtorch's products against Java's own.
    double withoutError = Double.parseDouble(plain.out().lines().findFirst().orElseThrow());
    double withError = Double.parseDouble(shim.out().lines().findFirst().orElseThrow());
    assertThat(plain.out()).contains("not preloaded");
    assertThat(shim.out()).doesNotContain("not preloaded").contains("preloaded");
    assertThat(withoutError).isLessThan(1e-4);
    assertThat(withError).isLessThan(1e-4);
  }

  @Test
  void addsItselfAfterTheUsersOwnPreloadsAndObeysTheSwitch(@TempDir Path dir) throws IOException {
    assumeTrue(linuxX64() && MklCpuCheck.wanted(Files.readString(Path.of("/proc/cpuinfo"))));
    Map<String, String> env = new HashMap<>(Map.of("LD_PRELOAD", "/opt/mine.so"));
    assertThat(MklCpuCheck.apply(env, dir)).isTrue();
    assertThat(env.get("LD_PRELOAD")).isEqualTo("/opt/mine.so:" + dir.resolve(MklCpuCheck.FILE));
    assertThat(MklCpuCheck.apply(env, dir)).isTrue();
    assertThat(env.get("LD_PRELOAD").split(":")).hasSize(2); // not added twice

    Map<String, String> off = new HashMap<>(Map.of("BLOCKSMITH_MKL_CPU", "off"));
    assertThat(MklCpuCheck.apply(off, dir.resolve("other"))).isFalse();
    assertThat(off).doesNotContainKey("LD_PRELOAD");
    assertThat(dir.resolve("other")).doesNotExist();
  }

  @Test
  void theLaunchersStepWritesTheLibraryOrSaysNoneAndTheLauncherUsesBoth(@TempDir Path dir)
      throws IOException {
    Path nat = dir.resolve("native");
    MklCpuCheck.main(new String[] {nat.toString()});
    boolean wanted = MklCpuCheck.wantedHere();
    assertThat(Files.exists(nat.resolve(MklCpuCheck.FILE))).isEqualTo(wanted);
    assertThat(Files.exists(nat.resolve("none"))).isEqualTo(!wanted);
    String launcher = Files.readString(Path.of("..", "blocksmith"));
    assertThat(launcher)
        .contains(MklCpuCheck.class.getName() + " \"$NATIVE\"")
        .contains("MKL_LIB=\"$NATIVE/" + MklCpuCheck.FILE + "\"")
        .contains("/" + MklCpuCheck.FILE + ":")
        .contains("\"$NATIVE/none\"")
        .contains("BLOCKSMITH_MKL_CPU:-}\" != off");
  }

  private static boolean linuxX64() {
    return System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").equals("amd64")
        && Files.isExecutable(Path.of("/bin/sh"));
  }

  private static Result probe(Map<String, String> env) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-Dai.djl.pytorch.num_threads=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MklCpuProbe.class.getName());
    return run(cmd, env);
  }

  private record Result(int code, String out, String err) {}

  private static Result run(List<String> cmd, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("probe", ".out");
    Path err = Files.createTempFile("probe", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String e = Files.readString(err);
      // DJL and the JVM may warn on stderr; keep only what the dynamic linker says.
      String linker =
          e.lines()
              .filter(l -> l.contains("ld.so") || l.contains("LD_PRELOAD"))
              .toList()
              .toString();
      return new Result(p.exitValue(), Files.readString(out), linker.equals("[]") ? "" : linker);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
