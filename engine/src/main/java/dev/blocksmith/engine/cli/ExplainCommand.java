package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.text.Glossary;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code explain BLOCK}: explains one block by id ("train.train") or name ("Train"), or else a term
 * of the glossary ("epoch", "overfitting").
 */
@Command(
    name = "explain",
    description = "Explain what a block does, its ports and settings, or a word such as 'epoch'.")
final class ExplainCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Parameters(index = "0", paramLabel = "BLOCK", description = "A block id or name.")
  String block;

  ExplainCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Optional<NodeSpec> spec =
        env.registry()
            .find(block)
            .map(NodeType::spec)
            .or(
                () ->
                    env.registry().all().stream()
                        .map(NodeType::spec)
                        .filter(s -> s.displayName().equalsIgnoreCase(block))
                        .findFirst());
    if (spec.isEmpty()) {
      Optional<String> term = Glossary.explain(block);
      if (term.isPresent()) {
        env.out().println(block + "\n  " + term.get());
        return 0;
      }
      env.err()
          .println(
              "There is no block or glossary word called \""
                  + block
                  + "\". Run 'blocks' to see the installed blocks, or 'glossary' for the words.");
      return 2;
    }
    env.out().print(BlocksText.explain(spec.get()));
    return 0;
  }
}
