package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.text.Glossary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code glossary}: every term the app uses, explained in plain words. */
@Command(
    name = "glossary",
    description = "Explain the words Blocksmith uses (epoch, overfitting…).")
final class GlossaryCommand implements Callable<Integer> {
  private final Cli.Env env;

  GlossaryCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Glossary.all().forEach((term, text) -> env.out().println(term + "\n  " + text + "\n"));
    return 0;
  }
}
