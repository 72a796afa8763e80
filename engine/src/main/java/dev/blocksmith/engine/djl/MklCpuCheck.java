package dev.blocksmith.engine.djl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Lets libtorch's Intel MKL use the vector kernels an AMD processor has. MKL, linked into
 * libtorch's CPU library, picks its code path only after asking whether the processor is an Intel
 * one ({@code mkl_serv_intel_cpu_true}); on any other it takes a generic path, whatever
 * instructions the processor offers. On this project's AMD EPYC (AVX-512) that halved the fp32
 * matrix products every dense layer runs on: 87-92 GFLOP/s on one thread against 204-208 with the
 * answer "yes" (BENCHMARKS.md, "MKL on AMD processors"), and the Train block's MLP took 0.39-0.47 s
 * of thread CPU instead of 0.59-0.70.
 *
 * <p>The answer is given the usual way (the well-known "fakeintel" library): a tiny shared library
 * whose only function, {@code mkl_serv_intel_cpu_true}, returns 1, preloaded into the processes
 * that train ({@code LD_PRELOAD}), so the dynamic linker binds MKL's call to it. MKL then still
 * chooses among its kernels by the instructions the processor reports. The library is written by
 * {@link #library} from the bytes below (an ELF file of about 500 bytes: no compiler needed on the
 * user's machine) and checked by the tests with the system's own dynamic linker.
 *
 * <p>Only on Linux x86-64, only for AMD (and Hygon) processors with AVX2 and FMA, and never when
 * {@code BLOCKSMITH_MKL_CPU=off} or the property {@code blocksmith.mklCpu=off} says so.
 */
public final class MklCpuCheck {
  /** The file name of the library, in {@code native/} of the data folder. */
  static final String FILE = "libblocksmith-mkl-cpu.so";

  private MklCpuCheck() {}

  /**
   * Whether a processor described by {@code /proc/cpuinfo} text gets the library: an AMD or Hygon
   * one ({@code vendor_id}) whose {@code flags} include avx2 and fma.
   */
  static boolean wanted(String cpuinfo) {
    String vendor = field(cpuinfo, "vendor_id");
    if (!vendor.equals("AuthenticAMD") && !vendor.equals("HygonGenuine")) {
      return false;
    }
    var flags = Arrays.asList(field(cpuinfo, "flags").split("\\s+"));
    return flags.contains("avx2") && flags.contains("fma");
  }

  private static String field(String cpuinfo, String name) {
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  /**
   * Adds the library to a child process's {@code LD_PRELOAD} (after any the user preloads) when
   * this machine wants it, writing it under {@code dir} if needed. Returns whether it was added; a
   * machine that does not want it, a switch set to off, or a folder that cannot be written leaves
   * the environment as it was (training then only runs slower on AMD processors).
   */
  public static boolean apply(Map<String, String> env, Path dir) {
    String off =
        System.getProperty("blocksmith.mklCpu", env.getOrDefault("BLOCKSMITH_MKL_CPU", ""));
    if (off.equalsIgnoreCase("off") || !wantedHere()) {
      return false;
    }
    String before = env.getOrDefault("LD_PRELOAD", "").trim();
    for (String loaded : before.split("[\\s:]+")) {
      if (loaded.endsWith("/" + FILE)) {
        return true; // already preloaded (the launcher does so for the processes it starts)
      }
    }
    try {
      String lib = library(dir).toString();
      env.put("LD_PRELOAD", before.isEmpty() ? lib : before + ":" + lib);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether this machine wants the library: Linux on x86-64 and {@link #wanted} processors. */
  static boolean wantedHere() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
        || !System.getProperty("os.arch", "").equals("amd64")) {
      return false;
    }
    try {
      return wanted(Files.readString(Path.of("/proc/cpuinfo")));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * For the launcher, once after each build: writes the library into the folder given when this
   * machine wants it, and otherwise a file named {@code none} there, so the launcher knows without
   * starting Java again. The launcher itself honours {@code BLOCKSMITH_MKL_CPU=off}.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("none"));
    if (wantedHere()) {
      System.out.println(library(dir));
    } else {
      Files.deleteIfExists(dir.resolve(FILE));
      Files.writeString(dir.resolve("none"), "this processor does not need " + FILE + "\n");
    }
    // The launcher asks again only when the app jar is newer than this folder.
    Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
  }

  /** Writes the library into {@code dir} unless the same bytes are there; returns its path. */
  public static Path library(Path dir) throws IOException {
    Path lib = dir.resolve(FILE);
    byte[] bytes = elf();
    if (Files.isRegularFile(lib) && Arrays.equals(Files.readAllBytes(lib), bytes)) {
      return lib;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, FILE, ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return lib;
  }

  // The ELF64 layout: header, 4 program headers, then (read + execute, at address = offset) the
  // SysV hash table, the symbol table, the names and the code; then (read + write, one page higher,
  // as the dynamic linker adjusts the dynamic section in place) the dynamic section.
  private static final int PHDRS = 64;
  private static final int HASH = PHDRS + 4 * 56;
  private static final int SYMTAB = HASH + 24;
  private static final int STRTAB = SYMTAB + 2 * 24;
  private static final byte[] NAMES =
      "\0mkl_serv_intel_cpu_true\0".getBytes(StandardCharsets.US_ASCII);
  private static final int CODE = align(STRTAB + NAMES.length, 16);
  private static final byte[] RETURN_ONE = {(byte) 0xb8, 1, 0, 0, 0, (byte) 0xc3}; // mov eax,1; ret
  private static final int TEXT_END = CODE + RETURN_ONE.length;
  private static final int DYNAMIC = align(TEXT_END, 8);
  private static final int DYNAMIC_ENTRIES = 6;
  private static final int SIZE = DYNAMIC + DYNAMIC_ENTRIES * 16;
  private static final long PAGE = 0x1000;

  /** The library's bytes. */
  static byte[] elf() {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    // ELF header: 64-bit, little-endian, version 1, a shared object for x86-64.
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
    b.putShort((short) 3).putShort((short) 62).putInt(1);
    b.putLong(0).putLong(PHDRS).putLong(0).putInt(0);
    b.putShort((short) 64).putShort((short) 56).putShort((short) 4);
    b.putShort((short) 64).putShort((short) 0).putShort((short) 0);
    // Program headers: type, flags, offset, address, physical address, file size, memory size,
    // alignment. Flags: 4 read, 2 write, 1 execute.
    phdr(b, 1, 5, 0, 0, TEXT_END, PAGE);
    phdr(b, 1, 6, DYNAMIC, PAGE + DYNAMIC, SIZE - DYNAMIC, PAGE);
    phdr(b, 2, 6, DYNAMIC, PAGE + DYNAMIC, SIZE - DYNAMIC, 8);
    phdr(b, 0x6474e551, 6, 0, 0, 0, 16); // PT_GNU_STACK: the stack stays not executable
    // Hash table: one bucket holding symbol 1, whose chain ends there.
    b.putInt(1).putInt(2).putInt(1).putInt(0).putInt(0);
    b.position(SYMTAB);
    // Symbols: the null one, then the function (global, function, defined, 6 bytes).
    b.put(new byte[24]);
    b.putInt(1).put((byte) 0x12).put((byte) 0).putShort((short) 1);
    b.putLong(CODE).putLong(RETURN_ONE.length);
    b.put(NAMES);
    b.position(CODE).put(RETURN_ONE);
    b.position(DYNAMIC);
    dyn(b, 4, HASH); // DT_HASH
    dyn(b, 5, STRTAB); // DT_STRTAB
    dyn(b, 6, SYMTAB); // DT_SYMTAB
    dyn(b, 10, NAMES.length); // DT_STRSZ
    dyn(b, 11, 24); // DT_SYMENT
    dyn(b, 0, 0); // DT_NULL
    return b.array();
  }

  private static void phdr(
      ByteBuffer b, int type, int flags, long off, long addr, long size, long al) {
    b.putInt(type).putInt(flags).putLong(off).putLong(addr).putLong(addr);
    b.putLong(size).putLong(size).putLong(al);
  }

  private static void dyn(ByteBuffer b, long tag, long value) {
    b.putLong(tag).putLong(value);
  }

  private static int align(int n, int a) {
    return (n + a - 1) / a * a;
  }
}
