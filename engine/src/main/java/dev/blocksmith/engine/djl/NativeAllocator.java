package dev.blocksmith.engine.djl;

import java.util.Map;

/**
 * glibc's allocator settings for the processes that train and predict with libtorch (the editor's
 * worker, the command line's background process, the launcher). libtorch asks glibc for every
 * tensor; with glibc's defaults, a training thread (not the main thread, so its own arena) hands
 * the freed tops of its heap back to the kernel after each batch and maps them again in the next,
 * so every batch pays page faults for its activations: a 2×2-pooled CNN on 28×28 pictures spent up
 * to two thirds of its time that way (BENCHMARKS.md, "glibc's allocator"). These settings keep up
 * to 256 MB of freed memory per arena for the next batch, serve blocks below 32 MB from the heap
 * instead of fresh mappings, and grow heaps 16 MB at a time.
 *
 * <p>All or nothing: glibc turns off its adaptive mapping threshold as soon as any one of these is
 * set, and setting the trim threshold alone made training several times slower here. So when the
 * user has set any of them (or glibc's tunables) themselves, nothing is changed.
 */
public final class NativeAllocator {
  /** The environment variables and their values. */
  public static final Map<String, String> SETTINGS =
      Map.of(
          "MALLOC_MMAP_THRESHOLD_", "33554432",
          "MALLOC_TRIM_THRESHOLD_", "268435456",
          "MALLOC_TOP_PAD_", "16777216");

  private NativeAllocator() {}

  /**
   * Adds {@link #SETTINGS} to a child process's environment unless it already holds any malloc
   * setting or glibc tunable of the user's own. Returns whether it added them.
   */
  public static boolean apply(Map<String, String> env) {
    for (String key : env.keySet()) {
      if (key.startsWith("MALLOC_") || key.equals("GLIBC_TUNABLES")) {
        return false;
      }
    }
    env.putAll(SETTINGS);
    return true;
  }
}
