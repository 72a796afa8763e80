package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.text.Terminal;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless entry point: {@code run FILE}, {@code validate FILE}, {@code blocks}, {@code explain
 * BLOCK}, {@code predict MODEL DATA}, {@code export MODEL --onnx OUT}. Exit codes: 0 success, 1 a
 * block failed, 2 the graph or the command line has problems.
 */
public final class Cli {
  private Cli() {}

  /**
   * What every subcommand needs: the blocks, where to print, the folder relative paths on the
   * command line are resolved against (the caller's working directory: a background process serves
   * commands typed in other folders), whether the output goes to a terminal, and the cache of a
   * process that serves many commands (null: each run makes the user's default cache).
   */
  record Env(
      NodeRegistry registry,
      PrintStream out,
      PrintStream err,
      Path cwd,
      boolean terminal,
      dev.blocksmith.engine.exec.OutputCache cache) {
    /** Returns {@code p} resolved against the caller's working directory (null stays null). */
    Path resolve(Path p) {
      return p == null ? null : cwd.resolve(p);
    }
  }

  /**
   * Where a command comes from when it is not this process's own command line: the caller's working
   * directory, whether its output is a terminal, and the cache to keep between commands (null: the
   * user's default cache each time).
   */
  public record Caller(Path cwd, boolean terminal, dev.blocksmith.engine.exec.OutputCache cache) {
    /** The caller this process is: its own working directory and console. */
    public static Caller thisProcess() {
      return new Caller(Path.of("").toAbsolutePath(), System.console() != null, null);
    }
  }

  /** The top command; it only holds the subcommands. */
  @Command(
      name = "blocksmith",
      mixinStandardHelpOptions = true,
      version = "Blocksmith 0.1",
      description = "Train real models by wiring blocks. Headless commands:")
  static final class Top implements Runnable {
    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "Name a command: run, validate, blocks, explain or predict.");
    }
  }

  /** Runs the command line with the blocks on the class path; returns the exit code. */
  public static int execute(String... args) {
    return execute(NodeRegistry.loadInstalled(), System.out, System.err, args);
  }

  /** Runs the command line with the given blocks and streams; returns the exit code. */
  public static int execute(
      NodeRegistry registry, PrintStream rawOut, PrintStream rawErr, String... args) {
    return execute(registry, rawOut, rawErr, Caller.thisProcess(), args);
  }

  /**
   * Runs the command line for {@code caller} (relative paths resolved against its working
   * directory) with the given blocks and streams; returns the exit code.
   */
  public static int execute(
      NodeRegistry registry,
      PrintStream rawOut,
      PrintStream rawErr,
      Caller caller,
      String... args) {
    // Text from files (column names, labels, messages) must never reach a terminal as escapes.
    PrintStream out = Terminal.filtering(rawOut);
    PrintStream err = Terminal.filtering(rawErr);
    // Before anything can load PyTorch (reading a model file does): the thread default.
    dev.blocksmith.engine.djl.Devices.applyThreadDefaults();
    Env env =
        new Env(
            registry, out, err, caller.cwd().toAbsolutePath(), caller.terminal(), caller.cache());
    CommandLine cl =
        new CommandLine(new Top())
            .addSubcommand("run", new RunCommand(env))
            .addSubcommand("validate", new ValidateCommand(env))
            .addSubcommand("blocks", new BlocksCommand(env))
            .addSubcommand("explain", new ExplainCommand(env))
            .addSubcommand("predict", new PredictCommand(env))
            .addSubcommand("runs", new RunsCommand(env))
            .addSubcommand("export", new ExportCommand(env))
            .addSubcommand("bundle", new BundleCommand(env))
            .addSubcommand("glossary", new GlossaryCommand(env))
            .addSubcommand("plugins", new PluginsCommand(env))
            .addSubcommand("cache", new CacheCommand(env));
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          err.println(
              "Error: "
                  + Terminal.clean(
                      String.valueOf(ex.getMessage() == null ? ex.toString() : ex.getMessage())));
          return 1;
        });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(
          "Blocksmith ran out of memory (it may use "
              + Runtime.getRuntime().maxMemory() / (1024 * 1024)
              + " MB). The data or model file is too large for this computer, or "
              + "damaged; try a smaller file.");
      return 2;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] a) {
    System.exit(execute(a));
  }
}
