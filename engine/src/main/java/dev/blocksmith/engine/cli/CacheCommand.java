package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.store.DiskCache;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cache}: where saved block results are kept, how much they take; {@code --clear}. */
@Command(
    name = "cache",
    description = "Show the saved block results (size, entries) or clear them.")
final class CacheCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Option(names = "--clear", description = "Delete every saved result.")
  boolean clear;

  CacheCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Optional<DiskCache> disk;
    try {
      disk = EngineSession.diskCache();
    } catch (IllegalArgumentException e) {
      env.err().println("The cache size setting is wrong: " + e.getMessage());
      return 2;
    }
    if (disk.isEmpty()) {
      env.out().println("The disk cache is turned off (cache size 0).");
      return 0;
    }
    DiskCache d = disk.get();
    if (clear) {
      try {
        long freed = d.clear();
        env.out().println("Cleared " + d.folder() + " (" + mb(freed) + " freed).");
        return 0;
      } catch (IOException e) {
        env.err().println("The cache " + d.folder() + " could not be cleared: " + e.getMessage());
        return 1;
      }
    }
    DiskCache.Stats s = d.stats();
    env.out().println("Cache folder: " + d.folder());
    env.out().println("Entries: " + String.format(Locale.ROOT, "%,d", s.entries()));
    env.out()
        .println(
            "Size: "
                + mb(s.bytes())
                + " of at most "
                + mb(d.maxBytes())
                + " (set with -Dblocksmith.cacheBytes or BLOCKSMITH_CACHE_BYTES, e.g. 500m)");
    return 0;
  }

  private static String mb(long bytes) {
    return bytes < 1_000_000
        ? String.format(Locale.ROOT, "%,.1f KB", bytes / 1e3)
        : String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }
}
