package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.registry.PluginJars;
import dev.blocksmith.engine.registry.PluginTrust;
import dev.blocksmith.engine.text.Terminal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plugins [--trust JAR]}: lists plugin jars with their SHA-256, and trusts one. */
@Command(
    name = "plugins",
    description = "List plugin jars with their SHA-256 and whether they are trusted; trust one.")
final class PluginsCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Option(
      names = "--trust",
      paramLabel = "JAR",
      description = "Trust this jar (its file name in the plugins folder) after checking it.")
  String trust;

  @Option(names = "--dir", paramLabel = "DIR", description = "The plugins folder.")
  Path dir;

  PluginsCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    boolean own = dir == null;
    if (own) {
      dir = NodeRegistry.pluginsFolder();
    }
    List<PluginJars.Jar> jars = PluginJars.find(dir);
    if (trust != null) {
      var jar =
          jars.stream().filter(j -> j.path().getFileName().toString().equals(trust)).findFirst();
      if (jar.isEmpty()) {
        env.err().println("There is no plugin called " + trust + " in " + dir + ".");
        return 2;
      }
      String why = PluginTrust.nameProblem(trust);
      if (why != null) {
        env.err().println("That plugin cannot be trusted: " + why + ". Rename the file first.");
        return 2;
      }
      PluginTrust.trust(dir, jar.get());
      env.out().println("Trusted " + trust + " (SHA-256 " + jar.get().sha256() + ").");
      return 0;
    }
    // The packs as the other commands see them; for another folder, as loaded from it.
    NodeRegistry registry = own ? env.registry() : PluginJars.loadRegistry(dir);
    if (jars.isEmpty()) {
      env.out().println("No plugins in " + dir + ". Copy a plugin jar there to add blocks.");
    } else {
      var trusted = PluginTrust.trusted(dir);
      env.out().println("Plugins in " + dir + ":");
      for (PluginJars.Jar j : jars) {
        env.out()
            .println(
                "  "
                    + Terminal.clean(j.path().getFileName().toString())
                    + "  "
                    + (trusted.contains(j.sha256()) ? "trusted" : "NOT trusted")
                    + "  SHA-256 "
                    + j.sha256());
      }
    }
    List<NodeRegistry.PackInfo> packs = registry.packs();
    if (!packs.isEmpty()) {
      env.out().println("Block packs:");
      for (NodeRegistry.PackInfo p : packs) {
        env.out()
            .println(
                "  "
                    + Terminal.clean(p.name())
                    + " ("
                    + Terminal.clean(p.source())
                    + "): "
                    + (p.ok() ? "loaded" : p.blocks().isEmpty() ? "FAILED" : "loaded with problems")
                    + ", "
                    + p.blocks().size()
                    + (p.blocks().size() == 1 ? " block" : " blocks")
                    + (p.blocks().isEmpty() ? "" : " (" + String.join(", ", p.blocks()) + ")"));
        p.problems().forEach(m -> env.out().println("    " + Terminal.clean(m)));
      }
    }
    List<String> other =
        registry.loadProblems().stream()
            .filter(m -> packs.stream().noneMatch(p -> p.problems().contains(m)))
            .toList();
    if (!other.isEmpty()) {
      env.out().println("Problems:");
      other.forEach(m -> env.out().println("  " + Terminal.clean(m)));
    }
    return 0;
  }
}
