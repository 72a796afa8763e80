package dev.blocksmith.editor.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.exec.OutputCache;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's background process, served in this JVM over a real Unix-domain socket: paths resolved
 * against the client's folder, output and exit codes as in-process, other builds refused, a client
 * that goes away cancels its run.
 */
class DaemonTest {
  private static final NodeRegistry BLOCKS = NodeRegistry.loadInstalled();

  @TempDir Path tmp;
  private DaemonPlace place;
  private DaemonServer server;
  private Path work;

  @BeforeEach
  void startServer() throws Exception {
    place = new DaemonPlace(tmp.resolve("d"), "test key A\n");
    server =
        new DaemonServer(
            place,
            CompletableFuture.completedFuture(BLOCKS),
            new OutputCache(),
            Duration.ofMinutes(5));
    assertThat(server.bind()).isTrue();
    Thread t = new Thread(server::serve, "test-daemon");
    t.setDaemon(true);
    t.start();
    work = Files.createDirectories(tmp.resolve("work"));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void testsNeverStartABackgroundProcess() {
    // The surefire configuration turns it off, so that `mvn verify` leaves no process behind.
    assertThat(DaemonClient.enabled(System.getenv(), new String[] {"run", "g.json"})).isFalse();
  }

  @Test
  void theSwitchesTurnItOff() {
    String before = System.getProperty("blocksmith.daemon");
    System.clearProperty("blocksmith.daemon");
    try {
      assertThat(DaemonClient.enabled(Map.of(), new String[] {"run", "g.json"})).isTrue();
      assertThat(DaemonClient.enabled(Map.of("BLOCKSMITH_DAEMON", "off"), new String[] {"run"}))
          .isFalse();
      assertThat(DaemonClient.enabled(Map.of(), new String[] {"run", "g.json", "--no-daemon"}))
          .isFalse();
      assertThat(DaemonClient.enabled(Map.of(), new String[] {"run", "g.json", "--spark", "x"}))
          .isFalse();
    } finally {
      if (before != null) {
        System.setProperty("blocksmith.daemon", before);
      }
    }
    // A recipe that would ask in this terminal runs in-process; with --yes it need not.
    assertThat(DaemonClient.servable(new String[] {"run", "m.bsmodel"}, true)).isFalse();
    assertThat(DaemonClient.servable(new String[] {"run", "m.bsmodel", "--yes"}, true)).isTrue();
    assertThat(DaemonClient.servable(new String[] {"run", "g.json", "--timings"}, false)).isFalse();
  }

  @Test
  void relativePathsAreTheClientsNotTheDaemons() throws Exception {
    Files.writeString(work.resolve("tiny.json"), graph(1));
    String csv = "daemon-test-" + System.nanoTime() + ".csv";
    Captured c =
        viaDaemon(
            "run",
            "tiny.json",
            "--runs",
            "my-runs",
            "--csv",
            "evaluate.mistakes=" + csv,
            "--report",
            "report.html");
    assertThat(c.code).as(c.err).isEqualTo(0);
    assertThat(work.resolve(csv)).isRegularFile();
    assertThat(work.resolve("report.html")).isRegularFile();
    try (var runs = Files.list(work.resolve("my-runs"))) {
      assertThat(runs.count()).isEqualTo(1);
    }
    // Nothing landed in this JVM's own working directory.
    assertThat(Path.of(csv)).doesNotExist();
    assertThat(Path.of("my-runs")).doesNotExist();
    assertThat(c.out).contains("Saved").contains(work.resolve(csv).toString());
  }

  @Test
  void aFailingValidationPrintsAndExitsAsInProcess() throws Exception {
    // Train without its inputs: the graph cannot run (exit 2).
    Files.writeString(
        work.resolve("broken.json"),
        graph(1).replace("{ \"from\": \"split.train\", \"to\": \"train.train\" },", ""));
    String[] args = {"run", "broken.json"};
    Captured daemon = viaDaemon(args);
    Captured here = inProcess(args);
    assertThat(daemon.code).isEqualTo(2).isEqualTo(here.code);
    assertThat(daemon.out).isEqualTo(here.out);
    assertThat(daemon.err).isEqualTo(here.err).contains("cannot run");
  }

  @Test
  void aSuccessPrintsAndExitsAsInProcess() throws Exception {
    Files.writeString(work.resolve("tiny.json"), graph(1));
    String[] args = {"run", "tiny.json", "--reproducible", "--runs", "runs"};
    Captured here = inProcess(args);
    Captured daemon = viaDaemon(args);
    assertThat(daemon.code).isEqualTo(0).isEqualTo(here.code);
    assertThat(normalised(daemon.out)).isEqualTo(normalised(here.out)).contains("accuracy");
    assertThat(normalised(daemon.err)).isEqualTo(normalised(here.err));
  }

  @Test
  void anotherBuildsProcessIsNotUsed() throws Exception {
    // Another key (another build, other folders) names another socket: nobody there.
    DaemonPlace other = new DaemonPlace(place.folder(), "test key B\n");
    assertThat(other.socket()).isNotEqualTo(place.socket());
    DaemonClient.Outcome o =
        DaemonClient.run(
            other, work, false, Map.of(), new String[] {"run", "x.json"}, sink(), sink());
    assertThat(o).isInstanceOf(DaemonClient.Outcome.NotServed.class);
    // And a client that reaches this socket with another key is refused, not served.
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(place.socket()));
      Wire.write(
          new DataOutputStream(Wire.out(ch)),
          new Wire.Request(
              "run", "test key B\n", work.toString(), false, Map.of(), List.of("run")));
      DataInputStream in = new DataInputStream(Wire.in(ch));
      assertThat(in.readByte()).isEqualTo(Wire.REFUSED);
      assertThat(Wire.readString(in)).contains("another build");
    }
    // The build is part of the key: a rebuilt jar (other size or time) gets another socket.
    Path jar = Files.writeString(tmp.resolve("a.jar"), "one");
    Properties props = new Properties();
    props.setProperty("user.home", tmp.toString());
    Map<String, String> env = Map.of("BLOCKSMITH_HOME", tmp.resolve("h").toString());
    DaemonPlace before = DaemonPlace.of(env, props, jar);
    Files.writeString(jar, "two, longer");
    assertThat(DaemonPlace.of(env, props, jar).socket()).isNotEqualTo(before.socket());
    assertThat(DaemonPlace.of(env, props, jar).socket())
        .isEqualTo(DaemonPlace.of(env, props, jar).socket());
    Map<String, String> otherHome = Map.of("BLOCKSMITH_HOME", tmp.resolve("h2").toString());
    assertThat(DaemonPlace.of(otherHome, props, jar).socket())
        .isNotEqualTo(DaemonPlace.of(env, props, jar).socket());
  }

  @Test
  void theSocketFolderIsTheUsersAlone() throws Exception {
    assertThat(Files.getPosixFilePermissions(place.folder()))
        .containsExactlyInAnyOrderElementsOf(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void aClientThatGoesAwayCancelsItsRun() throws Exception {
    Files.writeString(work.resolve("long.json"), graph(1000));
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(place.socket()));
      Wire.write(
          new DataOutputStream(Wire.out(ch)),
          new Wire.Request(
              "run", place.key(), work.toString(), false, Map.of(), List.of("run", "long.json")));
      DataInputStream in = new DataInputStream(Wire.in(ch));
      StringBuilder seen = new StringBuilder();
      while (!seen.toString().contains("train: started")) {
        byte tag = in.readByte();
        assertThat(tag).isIn(Wire.OUT, Wire.ERR);
        seen.append(new String(Wire.readBytes(in), StandardCharsets.UTF_8));
      }
    } // Ctrl+C: the connection closes while training runs
    Integer code = server.finished().poll(120, TimeUnit.SECONDS);
    assertThat(code).isEqualTo(130);
  }

  private record Captured(int code, String out, String err) {}

  private Captured viaDaemon(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DaemonClient.Outcome o = DaemonClient.run(place, work, false, Map.of(), args, out, err);
    assertThat(o).isInstanceOf(DaemonClient.Outcome.Ran.class);
    return new Captured(
        ((DaemonClient.Outcome.Ran) o).code(),
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private Captured inProcess(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            BLOCKS,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new Cli.Caller(work, false, null),
            args);
    return new Captured(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The output without what differs between any two runs: times, energy, the run folder. */
  private static String normalised(String s) {
    return s.replaceAll("\\d[\\d,.]* (ms|s|J)\\b", "N $1")
        .replaceAll("(?m)^Run folder: .*$", "Run folder: X")
        .replaceAll("(?m)^CPU time .*$", "CPU time X");
  }

  private static java.io.OutputStream sink() {
    return java.io.OutputStream.nullOutputStream();
  }

  /** A table pipeline: spiral points (200, or 5,000 for a long run), an MLP for {@code epochs}. */
  private static String graph(int epochs) {
    return """
        {
          "formatVersion": 2,
          "name": "tiny",
          "nodes": [
            { "id": "sample", "type": "data.sample", "typeVersion": 1,
              "params": { "dataset": "spirals", "size": SIZE } },
            { "id": "split", "type": "prepare.split", "typeVersion": 1, "params": { } },
            { "id": "train", "type": "train.train", "typeVersion": 1,
              "params": { "architecture": "mlp", "epochs": EPOCHS, "patience": 1000,
                          "hiddenSizes": [8] } },
            { "id": "evaluate", "type": "evaluate.evaluate", "typeVersion": 1, "params": { } }
          ],
          "edges": [
            { "from": "sample.data", "to": "split.data" },
            { "from": "split.train", "to": "train.train" },
            { "from": "split.validation", "to": "train.validation" },
            { "from": "train.model", "to": "evaluate.model" },
            { "from": "split.test", "to": "evaluate.data" }
          ]
        }
        """
        .replace("EPOCHS", Integer.toString(epochs))
        .replace("SIZE", epochs > 1 ? "5000" : "200");
  }
}
