package dev.blocksmith.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar in a test: compiles Java sources against the engine with the JDK's
 * compiler and packs the classes with service files, as a plugin author would.
 */
public final class PluginJarMaker {
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, String> services = new LinkedHashMap<>();

  /** Adds a class: {@code name} is its full name, {@code code} its whole source. */
  public PluginJarMaker source(String name, String code) {
    sources.put(name, code);
    return this;
  }

  /** Registers {@code impl} as a service of {@code service} (a full interface name). */
  public PluginJarMaker service(String service, String impl) {
    services.merge(service, impl, (a, b) -> a + "\n" + b);
    return this;
  }

  /** Registers {@code impl} as a {@code NodePack} service. */
  public PluginJarMaker pack(String impl) {
    return service("dev.blocksmith.engine.spi.NodePack", impl);
  }

  /** Compiles the sources and writes the jar to {@code jar}; returns it. */
  public Path write(Path jar) throws IOException {
    Path work = Files.createTempDirectory("plugin-src");
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    List<String> files = new ArrayList<>();
    for (var e : sources.entrySet()) {
      Path f = work.resolve("src").resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      files.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none"));
    args.addAll(List.of("-cp", System.getProperty("java.class.path")));
    args.addAll(files);
    StringWriter err = new StringWriter();
    int rc =
        javac.run(
            null,
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            new java.io.PrintStream(
                new java.io.OutputStream() {
                  @Override
                  public void write(int b) {
                    err.write(b);
                  }
                },
                true,
                StandardCharsets.UTF_8),
            args.toArray(String[]::new));
    assertThat(rc).as("plugin sources compile: %s", err).isZero();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
      for (var e : services.entrySet()) {
        out.putNextEntry(new ZipEntry("META-INF/services/" + e.getKey()));
        out.write((e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  /**
   * Returns the source of a pack class {@code pkg.name} with the given namespace whose {@code
   * types()} returns {@code typesExpr} (Java code).
   */
  public static String packSource(String pkg, String name, String ns, String typesExpr) {
    return "package "
        + pkg
        + ";\n"
        + "public class "
        + name
        + " implements dev.blocksmith.engine.spi.NodePack {\n"
        + "  public String namespace() { return \""
        + ns
        + "\"; }\n"
        + "  public String displayName() { return \""
        + name
        + "\"; }\n"
        + "  public java.util.List<dev.blocksmith.engine.spi.NodeType> types() { return "
        + typesExpr
        + "; }\n"
        + "}\n";
  }

  /**
   * Returns the source of a block class {@code pkg.name} with id {@code id} whose execute body is
   * {@code body} (Java statements; it has {@code inputs}, {@code params}, {@code ctx}) and which
   * outputs nothing.
   */
  public static String blockSource(String pkg, String name, String id, String body) {
    return "package "
        + pkg
        + ";\n"
        + "import dev.blocksmith.engine.spi.*;\n"
        + "public class "
        + name
        + " implements NodeType {\n"
        + "  private static final NodeSpec SPEC = NodeSpec.builder(\""
        + id
        + "\").setDisplayName(\""
        + name
        + "\").setCategory(Category.PREPARE)\n"
        + "      .setSummary(\"A test block.\").setWhatItDoes(\"Tests.\").build();\n"
        + "  public NodeSpec spec() { return SPEC; }\n"
        + "  public java.util.Map<String, Object> execute(Inputs inputs, Params params,"
        + " NodeContext ctx) throws Exception {\n"
        + body
        + "\n    return java.util.Map.of();\n  }\n"
        + "}\n";
  }
}
