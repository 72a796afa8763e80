package dev.blocksmith.engine.home;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where Blocksmith keeps the user's files: the runs, plugins, autosave and cache folders.
 *
 * <p>Resolved once from, in order: a system property naming the folder itself ({@code
 * -Dblocksmith.runs}, {@code -Dblocksmith.plugins}, {@code -Dblocksmith.cache}, {@code
 * -Dblocksmith.config}); {@code BLOCKSMITH_HOME} (or {@code -Dblocksmith.userdir}), which holds
 * every folder; the XDG variables ({@code XDG_DATA_HOME/blocksmith} for runs, plugins and
 * autosaves, {@code XDG_CACHE_HOME/blocksmith} for the cache, {@code XDG_CONFIG_HOME/blocksmith}
 * for settings); and otherwise {@code $HOME/.blocksmith} (the {@code HOME} variable first, {@code
 * user.home} only when it is unset). Relative values are taken from the working folder and made
 * absolute, so a worker process sees the same folders.
 *
 * @param data the folder of runs, plugins and autosaves
 * @param cache the folder of cached block outputs
 * @param config the folder of settings
 * @param runs the folder of run folders
 * @param plugins the folder of plugin jars and {@code trusted.txt}
 */
public record AppDirs(Path data, Path cache, Path config, Path runs, Path plugins) {

  /** Makes every path absolute. */
  public AppDirs {
    data = data.toAbsolutePath().normalize();
    cache = cache.toAbsolutePath().normalize();
    config = config.toAbsolutePath().normalize();
    runs = runs.toAbsolutePath().normalize();
    plugins = plugins.toAbsolutePath().normalize();
  }

  /** Returns the folders for this process's environment and system properties. */
  public static AppDirs current() {
    return resolve(System.getenv(), System.getProperties());
  }

  /**
   * Returns the folders for the given environment and system properties.
   *
   * @param env environment variables ({@code BLOCKSMITH_HOME}, {@code XDG_*}, {@code HOME})
   * @param props system properties ({@code blocksmith.userdir}, {@code blocksmith.runs}, ...)
   */
  public static AppDirs resolve(Map<String, String> env, Properties props) {
    Path home = pathOf(props.getProperty("blocksmith.userdir"));
    if (home == null) {
      home = pathOf(env.get("BLOCKSMITH_HOME"));
    }
    Path data;
    Path cache;
    Path config;
    if (home != null) {
      data = home;
      cache = home.resolve("cache");
      config = home;
    } else {
      Path legacy = userHome(env, props).resolve(".blocksmith");
      data = xdg(env, "XDG_DATA_HOME", legacy);
      cache = xdg(env, "XDG_CACHE_HOME", legacy.resolve("cache"));
      config = xdg(env, "XDG_CONFIG_HOME", legacy);
    }
    Path runs = orElse(pathOf(props.getProperty("blocksmith.runs")), data.resolve("runs"));
    Path plugins = orElse(pathOf(props.getProperty("blocksmith.plugins")), data.resolve("plugins"));
    cache = orElse(pathOf(props.getProperty("blocksmith.cache")), cache);
    config = orElse(pathOf(props.getProperty("blocksmith.config")), config);
    return new AppDirs(data, cache, config, runs, plugins);
  }

  /** Returns the folder for autosaved copies of open graphs. */
  public Path autosave() {
    return data.resolve("autosave");
  }

  /**
   * Returns the {@code -D} options that make another JVM (the editor's worker) use exactly these
   * folders, whatever its environment.
   */
  public List<String> jvmOptions() {
    List<String> out = new ArrayList<>();
    out.add("-Dblocksmith.userdir=" + data);
    out.add("-Dblocksmith.runs=" + runs);
    out.add("-Dblocksmith.plugins=" + plugins);
    out.add("-Dblocksmith.cache=" + cache);
    out.add("-Dblocksmith.config=" + config);
    return out;
  }

  /** Returns {@code $HOME}, falling back to {@code user.home} when the variable is unset. */
  static Path userHome(Map<String, String> env, Properties props) {
    Path home = pathOf(env.get("HOME"));
    if (home == null) {
      home = pathOf(props.getProperty("user.home"));
    }
    return home == null ? Path.of("") : home;
  }

  /** An XDG base folder plus "blocksmith"; the spec says relative values are to be ignored. */
  private static Path xdg(Map<String, String> env, String var, Path fallback) {
    String v = env.get(var);
    if (v == null || v.isBlank() || !Path.of(v).isAbsolute()) {
      return fallback;
    }
    return Path.of(v).resolve("blocksmith");
  }

  private static Path pathOf(String v) {
    return v == null || v.isBlank() ? null : Path.of(v);
  }

  private static Path orElse(Path p, Path fallback) {
    return p != null ? p : fallback;
  }
}
