package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.validate.PathChecks;
import dev.blocksmith.engine.validate.PathPolicy;
import dev.blocksmith.engine.validate.PathUse;
import dev.blocksmith.engine.validate.Validator;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Before {@code run MODEL} runs the recipe a model file carries (a pipeline someone else may have
 * written), shows every file it will read and write and asks; without a terminal to ask, {@code
 * --yes} is needed.
 */
final class RecipeConsent {
  private RecipeConsent() {}

  /**
   * Prints what the recipe reads and writes and returns the policy to run it with (the shown paths
   * agreed to), or null when the user did not agree.
   */
  static PathPolicy ask(Graph g, Cli.Env env, Path base, PathPolicy policy, Path model) {
    List<PathUse> uses =
        PathChecks.uses(Validator.resolve(g, env.registry(), base, policy), policy);
    PrintStream err = env.err();
    err.println(
        "The model "
            + model.getFileName()
            + " carries the pipeline that made it (its recipe). Running it will:");
    if (uses.isEmpty()) {
      err.println("  read and write no files (it uses built-in data only)");
    }
    for (PathUse u : uses) {
      err.println(
          "  "
              + u.verb()
              + " "
              + u.shown()
              + "   ("
              + u.blockName()
              + ", \""
              + u.label()
              + "\")"
              + (u.where() == PathUse.Where.OUTSIDE ? "   <- outside the model's folder" : ""));
    }
    if (policy.agreesToAll()) {
      return policy;
    }
    // Only a command typed in this process's own terminal can be asked (a background process
    // that serves a command has no terminal; its client runs such a command in-process instead).
    Console console = env.terminal() ? System.console() : null;
    if (console == null) {
      err.println("Nothing was run. Run it again with --yes if you agree.");
      return null;
    }
    String answer = console.readLine("Run this recipe? [y/N] ");
    String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
    if (!a.equals("y") && !a.equals("yes")) {
      err.println("Nothing was run.");
      return null;
    }
    return policy.agreeTo(uses.stream().map(PathUse::real).toList());
  }
}
