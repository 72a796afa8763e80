package dev.blocksmith.engine.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AppDirsTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void homeVariableWinsOverUserHomeProperty() {
    AppDirs d = AppDirs.resolve(Map.of("HOME", "/h/env"), props("user.home", "/h/prop"));
    assertThat(d.data()).isEqualTo(Path.of("/h/env/.blocksmith"));
    assertThat(d.runs()).isEqualTo(Path.of("/h/env/.blocksmith/runs"));
    assertThat(d.plugins()).isEqualTo(Path.of("/h/env/.blocksmith/plugins"));
    assertThat(d.cache()).isEqualTo(Path.of("/h/env/.blocksmith/cache"));
    assertThat(d.autosave()).isEqualTo(Path.of("/h/env/.blocksmith/autosave"));
  }

  @Test
  void userHomePropertyOnlyWhenHomeIsUnset() {
    AppDirs d = AppDirs.resolve(Map.of(), props("user.home", "/h/prop"));
    assertThat(d.runs()).isEqualTo(Path.of("/h/prop/.blocksmith/runs"));
  }

  @Test
  void blocksmithHomeHoldsEveryFolderAndBeatsXdg() {
    AppDirs d =
        AppDirs.resolve(
            Map.of(
                "HOME",
                "/h",
                "BLOCKSMITH_HOME",
                "/bs",
                "XDG_CACHE_HOME",
                "/xc",
                "XDG_DATA_HOME",
                "/xd"),
            props());
    assertThat(d.data()).isEqualTo(Path.of("/bs"));
    assertThat(d.cache()).isEqualTo(Path.of("/bs/cache"));
    assertThat(d.runs()).isEqualTo(Path.of("/bs/runs"));
    assertThat(d.plugins()).isEqualTo(Path.of("/bs/plugins"));
    assertThat(d.config()).isEqualTo(Path.of("/bs"));
  }

  @Test
  void xdgFoldersAreHonouredEachOnItsOwn() {
    AppDirs d =
        AppDirs.resolve(
            Map.of(
                "HOME",
                "/h",
                "XDG_CACHE_HOME",
                "/xc",
                "XDG_DATA_HOME",
                "/xd",
                "XDG_CONFIG_HOME",
                "/xf"),
            props());
    assertThat(d.cache()).isEqualTo(Path.of("/xc/blocksmith"));
    assertThat(d.runs()).isEqualTo(Path.of("/xd/blocksmith/runs"));
    assertThat(d.plugins()).isEqualTo(Path.of("/xd/blocksmith/plugins"));
    assertThat(d.config()).isEqualTo(Path.of("/xf/blocksmith"));

    AppDirs onlyCache = AppDirs.resolve(Map.of("HOME", "/h", "XDG_CACHE_HOME", "/xc"), props());
    assertThat(onlyCache.cache()).isEqualTo(Path.of("/xc/blocksmith"));
    assertThat(onlyCache.runs()).isEqualTo(Path.of("/h/.blocksmith/runs"));
  }

  @Test
  void relativeXdgValuesAreIgnoredAsTheSpecSays() {
    AppDirs d = AppDirs.resolve(Map.of("HOME", "/h", "XDG_CACHE_HOME", "rel"), props());
    assertThat(d.cache()).isEqualTo(Path.of("/h/.blocksmith/cache"));
  }

  @Test
  void explicitPropertiesWinAndRelativeOnesBecomeAbsolute() {
    AppDirs d =
        AppDirs.resolve(
            Map.of("BLOCKSMITH_HOME", "/bs"),
            props(
                "blocksmith.runs",
                "r",
                "blocksmith.plugins",
                "/p",
                "blocksmith.cache",
                "/c",
                "blocksmith.userdir",
                "/u"));
    assertThat(d.data()).isEqualTo(Path.of("/u"));
    assertThat(d.runs()).isEqualTo(Path.of("r").toAbsolutePath());
    assertThat(d.plugins()).isEqualTo(Path.of("/p"));
    assertThat(d.cache()).isEqualTo(Path.of("/c"));
  }

  @Test
  void jvmOptionsReproduceTheSameFoldersInAnotherProcess() {
    AppDirs d =
        AppDirs.resolve(
            Map.of("HOME", "/h", "XDG_CACHE_HOME", "/xc", "XDG_CONFIG_HOME", "/xf"), props());
    Properties child = new Properties();
    for (String opt : d.jvmOptions()) {
      String kv = opt.substring(2);
      child.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    // The child has a different environment (no HOME at all), yet sees the same folders.
    assertThat(AppDirs.resolve(Map.of(), child)).isEqualTo(d);
  }
}
