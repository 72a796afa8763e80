package dev.blocksmith.engine.registry;

import static dev.blocksmith.engine.testing.PluginJarMaker.blockSource;
import static dev.blocksmith.engine.testing.PluginJarMaker.packSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.testing.PluginJarMaker;
import dev.blocksmith.engine.testing.TestBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that fails, lies about its ids or is swapped on disk never reaches past its own pack.
 */
class PluginIsolationTest {
  @TempDir Path dir;
  private final TestBlocks builtIns = new TestBlocks();

  private static final String THROWING_SPEC =
      "package bad;\n"
          + "import dev.blocksmith.engine.spi.*;\n"
          + "public class Throwing implements NodeType {\n"
          + "  public NodeSpec spec() { throw new IllegalStateException(\"spec exploded\"); }\n"
          + "  public java.util.Map<String, Object> execute(Inputs i, Params p, NodeContext c) {"
          + " return java.util.Map.of(); }\n"
          + "}\n";

  /** A spec made with the record's constructor: no display name, an id that is not 'a.b'. */
  private static final String INVALID_SPEC =
      "package bad;\n"
          + "import dev.blocksmith.engine.spi.*;\n"
          + "import java.util.*;\n"
          + "public class Invalid implements NodeType {\n"
          + "  public NodeSpec spec() { return new NodeSpec(\"bad.Invalid Id\", 1, null,"
          + " Category.DATA, null, null, null, null, List.of(), List.of(), List.of(), Map.of(),"
          + " false, List.of()); }\n"
          + "  public Map<String, Object> execute(Inputs i, Params p, NodeContext c) {"
          + " return Map.of(); }\n"
          + "}\n";

  private NodeRegistry load() throws Exception {
    for (PluginJars.Jar j : PluginJars.find(dir)) {
      PluginTrust.trust(dir, j);
    }
    return PluginJars.loadRegistry(dir, builtIns.registry().all());
  }

  @Test
  void aPackWhoseSpecThrowsIsListedWithItsErrorAndEverythingElseLoads() throws Exception {
    new PluginJarMaker()
        .source("bad.Throwing", THROWING_SPEC)
        .source("bad.Invalid", INVALID_SPEC)
        .source("bad.Fine", blockSource("bad", "Fine", "bad.fine", ""))
        .source(
            "bad.Pack",
            packSource(
                "bad",
                "Pack",
                "bad",
                "java.util.List.of(new Throwing(), new Invalid(), new Fine())"))
        .source(
            "bad.Broken",
            packSource(
                "bad",
                "Broken",
                "broken",
                "java.util.List.<dev.blocksmith.engine.spi.NodeType>of(new Throwing()).subList(0, 9)"))
        .pack("bad.Pack")
        .pack("bad.Broken")
        .write(dir.resolve("bad.jar"));
    new PluginJarMaker()
        .source("good.Echo", blockSource("good", "Echo", "good.echo", ""))
        .source("good.Pack", packSource("good", "Pack", "good", "java.util.List.of(new Echo())"))
        .pack("good.Pack")
        .write(dir.resolve("good.jar"));

    NodeRegistry r = load();

    assertThat(r.find("test.source")).isPresent();
    assertThat(r.find("good.echo")).isPresent();
    assertThat(r.find("bad.fine")).isPresent();
    NodeRegistry.PackInfo bad = pack(r, "Pack", "bad.jar");
    assertThat(bad.blocks()).containsExactly("bad.fine");
    assertThat(bad.problems())
        .anySatisfy(p -> assertThat(p).contains("bad.Throwing").contains("spec exploded"))
        .anySatisfy(p -> assertThat(p).contains("bad.Invalid").contains("does not look like"));
    NodeRegistry.PackInfo broken = pack(r, "Broken", "bad.jar");
    assertThat(broken.ok()).isFalse();
    assertThat(broken.blocks()).isEmpty();
    assertThat(broken.problems().get(0)).contains("failed to load").contains("IndexOutOfBounds");
    assertThat(pack(r, "Pack", "good.jar").ok()).isTrue();
    // Every block the registry hands out describes itself without throwing.
    r.all().forEach(t -> assertThat(t.spec().id()).isNotBlank());
  }

  @Test
  void noRouteRegistersABlockOutsideItsPacksNamespace() throws Exception {
    String shifty =
        "package evil;\n"
            + "import dev.blocksmith.engine.spi.*;\n"
            + "public class Shifty implements NodeType {\n"
            + "  private int calls;\n"
            + "  private static final NodeSpec A = NodeSpec.builder(\"acme.shift\")"
            + ".setDisplayName(\"A\").setCategory(Category.DATA).setSummary(\"s\")"
            + ".setWhatItDoes(\"w\").build();\n"
            + "  private static final NodeSpec B = NodeSpec.builder(\"train.fit\")"
            + ".setDisplayName(\"B\").setCategory(Category.DATA).setSummary(\"s\")"
            + ".setWhatItDoes(\"w\").build();\n"
            + "  public synchronized NodeSpec spec() { return calls++ == 0 ? A : B; }\n"
            + "  public java.util.Map<String, Object> execute(Inputs i, Params p, NodeContext c) {"
            + " return java.util.Map.of(); }\n"
            + "}\n";
    new PluginJarMaker()
        .source("evil.TrainEvil", blockSource("evil", "TrainEvil", "train.evil", ""))
        .source("evil.TestEvil", blockSource("evil", "TestEvil", "test.source", ""))
        .source("evil.AcmeOk", blockSource("evil", "AcmeOk", "acme.ok", ""))
        .source("evil.Shifty", shifty)
        .source(
            "evil.Train",
            packSource("evil", "Train", "train", "java.util.List.of(new TrainEvil())"))
        .source(
            "evil.Test", packSource("evil", "Test", "test", "java.util.List.of(new TestEvil())"))
        .source(
            "evil.Acme",
            packSource(
                "evil",
                "Acme",
                "acme",
                "java.util.List.of(new AcmeOk(), new TrainEvil(), new Shifty())"))
        .source("evil.Again", packSource("evil", "Again", "acme", "java.util.List.of()"))
        .pack("evil.Train")
        .pack("evil.Test")
        .pack("evil.Acme")
        .pack("evil.Again")
        // The direct route: a block registered as a NodeType service, as built-ins are.
        .service("dev.blocksmith.engine.spi.NodeType", "evil.TrainEvil")
        .service("dev.blocksmith.engine.spi.NodeType", "evil.TestEvil")
        .write(dir.resolve("evil.jar"));

    NodeRegistry r = load();

    assertThat(r.all()).extracting(t -> t.spec().id()).doesNotContain("train.evil");
    assertThat(r.find("test.source").orElseThrow()).isSameAs(builtIns.source);
    assertThat(r.find("acme.ok")).isPresent();
    // The spec is taken once: a later call cannot turn 'acme.shift' into a built-in id.
    assertThat(r.find("acme.shift").orElseThrow().spec().id()).isEqualTo("acme.shift");
    assertThat(r.find("train.fit")).isEmpty();
    assertThat(pack(r, "Train", "evil.jar").problems().get(0))
        .contains("namespace 'train' belongs to Blocksmith");
    assertThat(pack(r, "Test", "evil.jar").problems().get(0))
        .contains("namespace 'test' belongs to Blocksmith");
    assertThat(pack(r, "Acme", "evil.jar").problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("'train.evil' does not start with"));
    assertThat(pack(r, "Again", "evil.jar").problems().get(0))
        .contains("namespace 'acme' is already used");
    assertThat(r.loadProblems())
        .anySatisfy(p -> assertThat(p).contains("evil.TrainEvil").contains("registers itself"))
        .anySatisfy(p -> assertThat(p).contains("evil.TestEvil").contains("registers itself"));
  }

  @Test
  void classesComeFromTheCheckedBytesEvenWhenTheJarIsSwapped() throws Exception {
    Path good = swapJar("Good", "good", dir.resolve("work-good.jar"));
    Path evil = swapJar("Evil", "evil", dir.resolve("work-evil.jar"));
    Path jar = dir.resolve("plugins").resolve("swap.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(good, jar);
    PluginTrust.trust(jar.getParent(), PluginJars.find(jar.getParent()).get(0));

    // Swapped between the trust check and loading: the checked bytes load.
    NodeRegistry r =
        PluginJars.loadRegistry(
            jar.getParent(),
            builtIns.registry().all(),
            () -> Files.copy(evil, jar, StandardCopyOption.REPLACE_EXISTING));
    assertThat(r.packs()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("Good"));

    // A class first needed later (lazily) still comes from the checked bytes, not the file.
    PackBlock block = (PackBlock) r.find("swap.block").orElseThrow();
    Class<?> helper = block.delegate().getClass().getClassLoader().loadClass("swap.Helper");
    assertThat(helper.getField("WHO").get(null)).isEqualTo("good");

    // And a fresh load sees the swapped jar for what it is: untrusted, not loaded.
    NodeRegistry again = PluginJars.loadRegistry(jar.getParent(), builtIns.registry().all());
    assertThat(again.find("swap.block")).isEmpty();
    assertThat(again.loadProblems()).anySatisfy(p -> assertThat(p).contains("not been trusted"));
  }

  private static Path swapJar(String name, String who, Path out) throws Exception {
    return new PluginJarMaker()
        .source(
            "swap.Helper",
            "package swap; public class Helper { public static String WHO = \"" + who + "\"; }")
        .source("swap.Block", blockSource("swap", "Block", "swap.block", ""))
        .source(
            "swap.Pack",
            packSource("swap", "Pack", "swap", "java.util.List.of(new Block())")
                .replace("return \"Pack\"", "return \"" + name + "\""))
        .pack("swap.Pack")
        .write(out);
  }

  @Test
  void pluginCodeCannotChangeTheTrustList() throws Exception {
    Path other = Files.write(dir.resolve("other.jar"), new byte[] {1, 2, 3});
    String body =
        "try { dev.blocksmith.engine.registry.PluginTrust.trust(java.nio.file.Path.of(\""
            + dir
            + "\"), new dev.blocksmith.engine.registry.PluginJars.Jar(java.nio.file.Path.of(\""
            + other
            + "\"), \""
            + PluginJars.sha256(other)
            + "\")); System.setProperty(\"plugin.trust.test\", \"trusted\"); }"
            + " catch (SecurityException e) { System.setProperty(\"plugin.trust.test\","
            + " e.getMessage()); } catch (java.io.IOException e) { throw new"
            + " java.io.UncheckedIOException(e); }";
    String pack =
        packSource("sneak", "Pack", "sneak", "java.util.List.of()")
            .replace(
                "{ return java.util.List.of(); }", "{ " + body + " return java.util.List.of(); }");
    new PluginJarMaker()
        .source("sneak.Pack", pack)
        .pack("sneak.Pack")
        .write(dir.resolve("sneak.jar"));
    PluginTrust.trust(
        dir,
        PluginJars.find(dir).stream()
            .filter(j -> j.path().endsWith("sneak.jar"))
            .findFirst()
            .orElseThrow());

    PluginJars.loadRegistry(dir, builtIns.registry().all());

    assertThat(System.getProperty("plugin.trust.test")).contains("cannot change which plugins");
    assertThat(PluginTrust.trusted(dir)).doesNotContain(PluginJars.sha256(other));
  }

  private static NodeRegistry.PackInfo pack(NodeRegistry r, String name, String source) {
    return r.packs().stream()
        .filter(p -> p.name().equals(name) && p.source().equals(source))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pack " + name + " in " + r.packs()));
  }
}
