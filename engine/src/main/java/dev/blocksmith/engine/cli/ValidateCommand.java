package dev.blocksmith.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.validate.Problem;
import dev.blocksmith.engine.validate.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate FILE [--json]}: lists every problem of a graph; exit 2 when any blocks a run. */
@Command(name = "validate", description = "Check a pipeline and list every problem at once.")
final class ValidateCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline file.")
  Path file;

  @Option(names = "--json", description = "Print the problems as JSON.")
  boolean json;

  @Mixin PathOptions paths = new PathOptions();

  ValidateCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    file = env.resolve(file);
    Graph g;
    try {
      g = GraphLoader.load(file);
    } catch (GraphLoader.LoadFailure e) {
      env.err().println(e.getMessage());
      return 2;
    }
    List<Problem> problems =
        Validator.validate(g, env.registry(), GraphLoader.baseDir(file), paths.policy(env.cwd()));
    boolean blocking = problems.stream().anyMatch(p -> !p.isWarning());
    if (json) {
      ObjectNode root = GraphJson.mapper().createObjectNode();
      root.put("valid", !blocking);
      root.set("problems", toJson(problems));
      env.out().println(root.toPrettyString());
    } else if (problems.isEmpty()) {
      env.out().println(file.getFileName() + ": no problems found.");
    } else {
      env.out()
          .println(
              file.getFileName()
                  + ": "
                  + problems.size()
                  + (problems.size() == 1 ? " problem" : " problems")
                  + ":");
      problems.forEach(p -> env.out().println((p.isWarning() ? "warning " : "") + p.describe()));
    }
    return blocking ? 2 : 0;
  }

  /** Returns problems as a JSON array of objects. */
  static ArrayNode toJson(List<Problem> problems) {
    ArrayNode a = GraphJson.mapper().createArrayNode();
    for (Problem p : problems) {
      ObjectNode o = a.addObject();
      o.put("code", p.code());
      o.put("node", p.nodeId());
      o.put("port", p.port());
      o.put("param", p.param());
      o.put("message", p.message());
      o.put("fix", p.fix());
      o.put("warning", p.isWarning());
    }
    return a;
  }
}
