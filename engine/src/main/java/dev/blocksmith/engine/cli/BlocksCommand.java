package dev.blocksmith.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code blocks [--markdown]}: lists the installed blocks by category. */
@Command(name = "blocks", description = "List the installed blocks by category.")
final class BlocksCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Option(
      names = "--markdown",
      description = "Print a full reference in Markdown (docs/blocks.md).")
  boolean markdown;

  BlocksCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    env.out()
        .print(markdown ? BlocksText.markdown(env.registry()) : BlocksText.list(env.registry()));
    return 0;
  }
}
