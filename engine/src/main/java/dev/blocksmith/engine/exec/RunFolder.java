package dev.blocksmith.engine.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.text.ReportText;
import dev.blocksmith.engine.value.Report;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The folder of one run, {@code <runsRoot>/<timestamp>-<shortid>/}: {@code log.txt}, {@code
 * run.json}, one {@code <node>.report.md} per report, and a work folder per node that asks for one.
 * Writing never fails a run: an I/O error is remembered and reported once in the log's place.
 */
public final class RunFolder implements AutoCloseable {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private static final java.util.concurrent.atomic.AtomicLong LAST_MILLIS =
      new java.util.concurrent.atomic.AtomicLong();

  private final Path dir;
  private final String runId;
  private BufferedWriter log;

  private RunFolder(Path dir, String runId, BufferedWriter log) {
    this.dir = dir;
    this.runId = runId;
    this.log = log;
  }

  /** Creates a fresh run folder under {@code runsRoot}. */
  public static RunFolder create(Path runsRoot) throws IOException {
    // Milliseconds, strictly increasing within this process: folder names sort in run order even
    // when two short runs start within the same second ("last" and "last-1" depend on it).
    long millis = LAST_MILLIS.updateAndGet(last -> Math.max(System.currentTimeMillis(), last + 1));
    LocalDateTime when =
        LocalDateTime.ofInstant(
            java.time.Instant.ofEpochMilli(millis), java.time.ZoneId.systemDefault());
    String id = when.format(STAMP) + "-" + UUID.randomUUID().toString().substring(0, 6);
    Path dir = runsRoot.resolve(id);
    Files.createDirectories(dir);
    BufferedWriter w =
        Files.newBufferedWriter(
            dir.resolve("log.txt"),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
    return new RunFolder(dir, id, w);
  }

  /** Returns the folder. */
  public Path dir() {
    return dir;
  }

  /** Returns the run id (the folder's name). */
  public String runId() {
    return runId;
  }

  /** Appends a time-stamped line to {@code log.txt}. */
  public synchronized void log(String source, String message) {
    if (log == null) {
      return;
    }
    try {
      log.write(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [" + source + "] " + message);
      log.newLine();
      log.flush();
    } catch (IOException e) {
      log = null; // the disk is full or gone; the run itself goes on
    }
  }

  /** Appends an exception with its full stack trace to {@code log.txt}. */
  public void logError(String source, Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    log(source, sw.toString().stripTrailing());
  }

  /** Returns a node's own folder inside the run folder, creating it. */
  public Path workDir(String nodeId) throws IOException {
    return Files.createDirectories(dir.resolve(nodeId));
  }

  /** Writes a report as {@code <node>.report.md} (or {@code <node>-<port>.report.md}). */
  public void writeReport(String nodeId, String port, boolean onlyReport, Report report) {
    String name = (onlyReport ? nodeId : nodeId + "-" + port) + ".report.md";
    try {
      Files.writeString(dir.resolve(name), ReportText.render(report), StandardCharsets.UTF_8);
    } catch (IOException e) {
      log(nodeId, "Could not write " + name + ": " + e.getMessage());
    }
  }

  /** Writes {@code run.json} atomically. */
  public void writeRunJson(ObjectNode json) {
    try {
      String text = GraphJson.mapper().writeValueAsString(json) + "\n";
      GraphFiles.writeAtomically(
          dir.resolve("run.json"), text.getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      log("run", "Could not write run.json: " + e.getMessage());
    }
  }

  /** Closes the log. */
  @Override
  public synchronized void close() {
    if (log != null) {
      try {
        log.close();
      } catch (IOException e) {
        // nothing more can be reported
      }
      log = null;
    }
  }
}
