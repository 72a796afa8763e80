package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.registry.PluginJars;
import dev.blocksmith.engine.registry.PluginTrust;
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
  Path dir = NodeRegistry.pluginsFolder();

  PluginsCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    List<PluginJars.Jar> jars = PluginJars.find(dir);
    if (trust != null) {
      var jar =
          jars.stream().filter(j -> j.path().getFileName().toString().equals(trust)).findFirst();
      if (jar.isEmpty()) {
        env.err().println("There is no plugin called " + trust + " in " + dir + ".");
        return 2;
      }
      PluginTrust.trust(dir, jar.get());
      env.out().println("Trusted " + trust + " (SHA-256 " + jar.get().sha256() + ").");
      return 0;
    }
    if (jars.isEmpty()) {
      env.out().println("No plugins in " + dir + ". Copy a plugin jar there to add blocks.");
      return 0;
    }
    env.out().println("Plugins in " + dir + ":");
    for (PluginJars.Jar j : jars) {
      env.out()
          .println(
              "  "
                  + j.path().getFileName()
                  + "  "
                  + (PluginTrust.isTrusted(dir, j) ? "trusted" : "NOT trusted")
                  + "  SHA-256 "
                  + j.sha256());
    }
    return 0;
  }
}
