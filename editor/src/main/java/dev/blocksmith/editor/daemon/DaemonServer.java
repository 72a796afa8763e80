package dev.blocksmith.editor.daemon;

import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.exec.OutputCache;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Serves {@code run} commands of clients on this user's socket, one at a time, in this already warm
 * JVM: relative paths are resolved against the client's working directory, output and the exit code
 * go back as frames ({@link Wire}), and a client that disconnects cancels its run. Refuses a client
 * of another user (the socket's peer credentials), a run whose key differs, and a second run while
 * one is in progress (that client runs in-process instead); {@code status} and {@code stop} are
 * answered for any client of the same user. Stops when idle for the given time, when asked to, when
 * its jar was rebuilt, or when its socket file is no longer the one it created.
 */
public final class DaemonServer implements AutoCloseable {
  private final DaemonPlace place;
  private final CompletableFuture<NodeRegistry> registry;
  private final OutputCache cache;
  private final Duration idle;
  private final Semaphore oneAtATime = new Semaphore(1);
  private final BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
  private final long started = System.currentTimeMillis();
  private volatile long lastActivity = System.nanoTime();
  private volatile boolean closed;
  private volatile int served;
  private ServerSocketChannel server;
  private FileChannel lockChannel;
  private FileLock lock;
  private Object socketFileKey;
  private final Path buildPath = DaemonPlace.codeLocation();
  private final String build =
      buildPath != null && Files.isRegularFile(buildPath)
          ? DaemonPlace.buildIdentity(buildPath)
          : null;

  /**
   * Creates the server.
   *
   * @param registry the blocks, completed when the warm-up is done (requests wait for it)
   * @param cache the cache kept between runs (memory, backed by the user's disk cache)
   * @param idle how long without a request before the server stops
   */
  public DaemonServer(
      DaemonPlace place,
      CompletableFuture<NodeRegistry> registry,
      OutputCache cache,
      Duration idle) {
    this.place = place;
    this.registry = registry;
    this.cache = cache;
    this.idle = idle;
  }

  /**
   * Takes this key's lock and binds its socket; returns false when another process of the same key
   * holds the lock (it serves; this one should exit).
   *
   * @throws IOException when the folder cannot be made private or the socket cannot be bound
   */
  public boolean bind() throws IOException {
    place.secureFolder();
    if (!place.fits()) {
      throw new IOException("the socket path " + place.socket() + " is too long");
    }
    lockChannel =
        FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    lock = lockChannel.tryLock();
    if (lock == null) {
      lockChannel.close();
      return false;
    }
    Files.deleteIfExists(place.socket()); // a socket left by a process that died
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(place.socket()));
    socketFileKey = fileKey(place.socket());
    return true;
  }

  /** Accepts clients until the server is closed (blocks). */
  public void serve() {
    Thread watch = new Thread(this::watch, "daemon-idle");
    watch.setDaemon(true);
    watch.start();
    while (!closed) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        break; // closed
      }
      lastActivity = System.nanoTime();
      Thread t = new Thread(() -> handle(ch), "daemon-client");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Exit codes of the runs served so far, in order (tests wait on it). */
  BlockingQueue<Integer> finished() {
    return finished;
  }

  /** Returns whether the server has stopped. */
  public boolean isClosed() {
    return closed;
  }

  private void handle(SocketChannel ch) {
    try (ch) {
      DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Wire.out(ch)));
      if (!samePeer(ch)) {
        refuse(out, "another user");
        return;
      }
      InputStream raw = Wire.in(ch);
      Wire.Request req = Wire.read(new DataInputStream(raw));
      if (req.kind().equals("run") && !req.key().equals(place.key())) {
        refuse(out, "another build or other folders");
        return;
      }
      switch (req.kind()) {
        case "status" -> text(out, status());
        case "stop" -> {
          text(out, "Stopped the background process (pid " + ProcessHandle.current().pid() + ").");
          close();
        }
        case "run" -> run(req, raw, out);
        default -> refuse(out, "unknown request " + req.kind());
      }
    } catch (IOException | RuntimeException e) {
      // A client that went away or spoke nonsense; nothing to answer.
    } finally {
      lastActivity = System.nanoTime();
    }
  }

  private void run(Wire.Request req, InputStream raw, DataOutputStream out) throws IOException {
    if (!oneAtATime.tryAcquire()) {
      refuse(out, "busy with another run");
      return;
    }
    try {
      NodeRegistry blocks = registry.join(); // waits for the warm-up
      PrintStream o =
          new PrintStream(new Wire.FrameStream(out, Wire.OUT), true, StandardCharsets.UTF_8);
      PrintStream e =
          new PrintStream(new Wire.FrameStream(out, Wire.ERR), true, StandardCharsets.UTF_8);
      CompletableFuture<Integer> code = new CompletableFuture<>();
      Thread runner =
          new Thread(
              () -> {
                PrintStream oldOut = System.out;
                PrintStream oldErr = System.err;
                // What blocks print outside the command's streams reaches the client too, as it
                // would in-process (one run at a time, so the swap is safe).
                System.setOut(o);
                System.setErr(e);
                try {
                  code.complete(
                      Cli.execute(
                          blocks,
                          o,
                          e,
                          new Cli.Caller(Path.of(req.cwd()), req.terminal(), cache),
                          req.args().toArray(String[]::new)));
                } catch (Throwable t) {
                  e.println("Error: " + t);
                  code.complete(1);
                } finally {
                  System.setOut(oldOut);
                  System.setErr(oldErr);
                }
              },
              "daemon-run");
      runner.setDaemon(true);
      runner.start();
      // The client sends nothing more; the end of its stream means it went away (Ctrl+C).
      Thread watcher =
          new Thread(
              () -> {
                try {
                  while (raw.read() >= 0) {
                    // ignore anything else it sends
                  }
                } catch (IOException ignored) {
                  // closed: the same as gone
                }
                if (!code.isDone()) {
                  runner.interrupt();
                }
              },
              "daemon-watch");
      watcher.setDaemon(true);
      watcher.start();
      int exit = code.join();
      served++;
      finished.add(exit);
      o.flush();
      e.flush();
      synchronized (out) {
        out.writeByte(Wire.EXIT);
        out.writeInt(exit);
        out.flush();
      }
    } finally {
      oneAtATime.release();
    }
  }

  private String status() {
    long up = (System.currentTimeMillis() - started) / 1000;
    return "Blocksmith background process, pid "
        + ProcessHandle.current().pid()
        + ": "
        + (registry.isDone() ? "warm" : "warming up")
        + ", up "
        + up
        + " s, "
        + served
        + " run"
        + (served == 1 ? "" : "s")
        + " served, stops after "
        + idle.toMinutes()
        + " idle minutes; socket "
        + place.socket();
  }

  private static void refuse(DataOutputStream out, String why) throws IOException {
    out.writeByte(Wire.REFUSED);
    Wire.writeString(out, why);
    out.flush();
  }

  private static void text(DataOutputStream out, String text) throws IOException {
    out.writeByte(Wire.TEXT);
    Wire.writeString(out, text);
    out.flush();
  }

  /** Returns whether the peer is the user this socket belongs to (its kernel credentials). */
  private boolean samePeer(SocketChannel ch) {
    try {
      var peer = ch.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
      String owner = Files.getOwner(place.socket(), LinkOption.NOFOLLOW_LINKS).getName();
      return peer != null && peer.user().getName().equals(owner);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Stops when idle too long, or when the socket file is no longer the one this server made. */
  private void watch() {
    while (!closed) {
      try {
        Thread.sleep(Math.min(5_000, Math.max(100, idle.toMillis() / 4)));
      } catch (InterruptedException e) {
        return;
      }
      boolean idleTooLong =
          oneAtATime.availablePermits() == 1 && System.nanoTime() - lastActivity > idle.toNanos();
      boolean rebuilt = build != null && !build.equals(DaemonPlace.buildIdentity(buildPath));
      if (idleTooLong || rebuilt || !Objects.equals(socketFileKey, fileKey(place.socket()))) {
        close();
      }
    }
  }

  private static Object fileKey(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /** Stops accepting, removes the socket (when it is still this server's) and the lock. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (server != null) {
        server.close();
      }
      if (socketFileKey != null && socketFileKey.equals(fileKey(place.socket()))) {
        Files.deleteIfExists(place.socket());
      }
      if (lock != null) {
        lock.release();
        lockChannel.close();
      }
    } catch (IOException e) {
      // the process ends anyway
    }
  }
}
