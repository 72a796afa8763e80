package dev.blocksmith.editor.daemon;

import dev.blocksmith.engine.djl.MklCpuCheck;
import dev.blocksmith.engine.djl.NativeAllocator;
import dev.blocksmith.engine.home.AppDirs;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The launcher's first entry point for {@code run} and {@code daemon}: small on purpose (no
 * picocli, no blocks, no engine beyond the user folders), so that a run the background process
 * serves starts in a fraction of a second. {@code run}: hands the command to this user's background
 * process of this build ({@link DaemonPlace}); when there is none (or it refuses, or the command
 * needs this terminal), runs it in-process as before and then starts one for next time, unless
 * {@code --no-daemon}, {@code BLOCKSMITH_DAEMON=off} or {@code -Dblocksmith.daemon=off}. {@code
 * daemon --status | --stop}: asks the background processes in the user's folder. Anything else goes
 * straight to {@code app.Main}.
 */
public final class DaemonClient {
  /** The result of asking the background process to run a command. */
  sealed interface Outcome {
    /** It ran the command: the exit code. */
    record Ran(int code) implements Outcome {}

    /** It did not start the command (none running, refused, busy, died before any output). */
    record NotServed(String why) implements Outcome {}
  }

  private DaemonClient() {}

  /** Runs the command line (see the class comment). */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("daemon")) {
      System.exit(control(args, System.out, System.err));
      return;
    }
    if (args.length == 0 || !args[0].equals("run")) {
      dev.blocksmith.editor.app.Main.main(args);
      return;
    }
    boolean terminal = System.console() != null;
    DaemonPlace place = null;
    boolean wanted = enabled(System.getenv(), args);
    if (wanted) {
      try {
        place = DaemonPlace.current();
        if (servable(args, terminal)) {
          Outcome o =
              run(
                  place,
                  Path.of("").toAbsolutePath(),
                  terminal,
                  System.getenv(),
                  args,
                  System.out,
                  System.err);
          if (o instanceof Outcome.Ran r) {
            System.out.flush();
            System.err.flush();
            System.exit(r.code());
            return;
          }
        }
      } catch (IOException | RuntimeException | LinkageError e) {
        // fall back to running it here
      }
    }
    int code = dev.blocksmith.editor.app.Main.runHeadless(args);
    if (wanted && place != null) {
      System.out.flush();
      start(place, prefetchFile(args));
    }
    System.exit(code);
  }

  /**
   * With {@code -Dblocksmith.daemonTimings=true}, prints to stderr how long after {@code main}
   * began a step of talking to the background process happened (for the bench's breakdown; the
   * JVM's own start is the whole time minus these).
   */
  private static void mark(String what) {
    if (Boolean.getBoolean("blocksmith.daemonTimings")) {
      System.err.println(
          "daemon timings: "
              + what
              + " "
              + (System.nanoTime() - MAIN_STARTED) / 1_000_000
              + " ms after main() began");
    }
  }

  /** When {@link #main} began (class initialisation, just before). */
  private static final long MAIN_STARTED = System.nanoTime();

  /** Returns whether the background process may be used and started for this command. */
  static boolean enabled(Map<String, String> env, String[] args) {
    String off = System.getProperty("blocksmith.daemon", env.getOrDefault("BLOCKSMITH_DAEMON", ""));
    switch (off.trim().toLowerCase(Locale.ROOT)) {
      case "off", "false", "0", "no" -> {
        return false;
      }
      default -> {
        // on
      }
    }
    for (String a : args) {
      if (a.equals("--no-daemon") || a.equals("--spark") || a.startsWith("--spark=")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether the background process can serve the command exactly as this process would: not
   * {@code --timings} (it measures this JVM's start), and not a model's recipe that would ask a
   * question in this terminal (the process has none; {@code --yes} answers it).
   */
  static boolean servable(String[] args, boolean terminal) {
    boolean yes = false;
    boolean model = false;
    for (String a : args) {
      if (a.equals("--timings")) {
        return false;
      }
      yes |= a.equals("--yes") || a.equals("-y");
      model |= a.endsWith(".bsmodel");
    }
    return !(model && terminal && !yes);
  }

  /**
   * Asks the background process at {@code place} to run {@code args} as if typed in {@code cwd};
   * streams its output to {@code out} and {@code err}.
   */
  static Outcome run(
      DaemonPlace place,
      Path cwd,
      boolean terminal,
      Map<String, String> env,
      String[] args,
      OutputStream out,
      OutputStream err)
      throws IOException {
    if (!place.fits() || !Files.exists(place.socket())) {
      return new Outcome.NotServed("no background process");
    }
    SocketChannel ch;
    try {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(place.socket()));
    } catch (IOException e) {
      return new Outcome.NotServed("no background process listens (" + e.getMessage() + ")");
    }
    try (ch) {
      Map<String, String> vars = new TreeMap<>();
      for (Map.Entry<String, String> e : env.entrySet()) {
        if (e.getKey().startsWith("BLOCKSMITH_")) {
          vars.put(e.getKey(), e.getValue());
        }
      }
      mark("connected");
      Wire.write(
          new DataOutputStream(new java.io.BufferedOutputStream(Wire.out(ch))),
          new Wire.Request("run", place.key(), cwd.toString(), terminal, vars, List.of(args)));
      DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Wire.in(ch)));
      boolean printed = false;
      while (true) {
        byte tag;
        try {
          tag = in.readByte();
        } catch (EOFException e) {
          if (!printed) {
            return new Outcome.NotServed("the background process closed the connection");
          }
          new PrintStream(err, true)
              .println(
                  "The Blocksmith background process stopped during the run; run the command"
                      + " again (add --no-daemon to run it in this process).");
          return new Outcome.Ran(1);
        }
        switch (tag) {
          case Wire.OUT, Wire.ERR -> {
            byte[] b = Wire.readBytes(in);
            OutputStream to = tag == Wire.OUT ? out : err;
            if (!printed) {
              mark("first output");
            }
            to.write(b);
            to.flush();
            printed = true;
          }
          case Wire.EXIT -> {
            mark("exit code");
            return new Outcome.Ran(in.readInt());
          }
          case Wire.REFUSED -> {
            return new Outcome.NotServed(Wire.readString(in));
          }
          default -> throw new IOException("unexpected frame " + tag);
        }
      }
    }
  }

  /**
   * Starts a background process for {@code place} that outlives this one (in its own session, so
   * that Ctrl+C in this terminal does not reach it), with this JVM's options; its output goes to
   * the place's log. Never fails the command: a process that cannot start is simply not there.
   */
  static void start(DaemonPlace place, String prefetch) {
    try {
      if (!place.fits()) {
        return;
      }
      place.secureFolder();
      List<String> cmd = new ArrayList<>();
      if (new File("/usr/bin/setsid").canExecute()) {
        cmd.add("/usr/bin/setsid");
      } else if (new File("/bin/setsid").canExecute()) {
        cmd.add("/bin/setsid");
      }
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(DaemonMain.class.getName());
      cmd.add(place.hash());
      if (prefetch != null) {
        cmd.add(prefetch);
      }
      ProcessBuilder builder =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(place.log().toFile())
              .redirectErrorStream(true);
      NativeAllocator.apply(builder.environment());
      // MKL's fast kernels on AMD processors too (MklCpuCheck: dense layers twice as fast here).
      MklCpuCheck.apply(builder.environment(), AppDirs.current().data().resolve("native"));
      builder.start();
    } catch (IOException | RuntimeException e) {
      // no background process this time
    }
  }

  /** Returns the absolute pipeline file of a {@code run} command line, or null. */
  static String prefetchFile(String[] args) {
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("-")) {
        Path p = Path.of(args[i]).toAbsolutePath();
        return p.toString().endsWith(".json") && Files.isRegularFile(p) ? p.toString() : null;
      }
      if (List.of("--set", "--show", "--device", "--seed", "--block-timeout", "--runs", "--report")
              .contains(args[i])
          || List.of("--csv", "--allow", "--spark").contains(args[i])) {
        i++; // an option's value
      }
    }
    return null;
  }

  /**
   * {@code daemon --status} prints what this user's background processes say (those of other builds
   * too); {@code daemon --stop} stops them all. Returns the exit code.
   */
  static int control(String[] args, PrintStream out, PrintStream err) {
    String what = args.length > 1 ? args[1] : "--status";
    if (!what.equals("--status") && !what.equals("--stop")) {
      err.println("Use: blocksmith daemon --status | --stop");
      return 2;
    }
    DaemonPlace place = DaemonPlace.current();
    List<Path> sockets = new ArrayList<>();
    try (var files = Files.list(place.folder())) {
      files.filter(p -> p.toString().endsWith(".sock")).sorted().forEach(sockets::add);
    } catch (IOException e) {
      // no folder: no process
    }
    int alive = 0;
    for (Path s : sockets) {
      String answer = ask(s, place.key(), what.equals("--stop") ? "stop" : "status");
      if (answer == null) {
        continue; // a socket nobody listens on
      }
      alive++;
      out.println(s.equals(place.socket()) ? answer : answer + " (another build or settings)");
    }
    if (alive == 0) {
      out.println("No Blocksmith background process is running for " + place.folder() + ".");
    }
    return 0;
  }

  /**
   * Sends a {@code status} or {@code stop} request to the socket; returns the answer, or null when
   * nobody listens (any background process of this user answers these, whatever its key).
   */
  private static String ask(Path socket, String key, String kind) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      Wire.write(
          new DataOutputStream(new java.io.BufferedOutputStream(Wire.out(ch))),
          new Wire.Request(kind, key, "", false, Map.of(), List.of()));
      DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Wire.in(ch)));
      byte tag = in.readByte();
      String text = Wire.readString(in);
      return tag == Wire.REFUSED ? "A background process on " + socket + " refused: " + text : text;
    } catch (IOException e) {
      return null;
    }
  }
}
