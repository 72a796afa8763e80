package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.session.RunReportWriter;
import dev.blocksmith.engine.value.Table;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Files {@code run} writes after a run: the HTML report and CSV copies of table outputs. */
final class RunFiles {
  private RunFiles() {}

  /** Writes the requested files; returns 0, or 2 when one could not be written. */
  static int save(Graph g, RunResult r, Cli.Env env, Path base, Path report, List<String> csv) {
    int status = 0;
    for (String spec : csv) {
      int eq = spec.indexOf('=');
      int dot = spec.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        env.err()
            .println(
                "--csv "
                    + spec
                    + ": write it as NODE.PORT=FILE, such as "
                    + "evaluate.mistakes=mistakes.csv.");
        status = 2;
        continue;
      }
      String node = spec.substring(0, dot);
      String port = spec.substring(dot + 1, eq);
      Object v = r.output(node, port);
      if (!(v instanceof Table t)) {
        env.err()
            .println(
                "--csv "
                    + spec
                    + ": '"
                    + node
                    + "."
                    + port
                    + "' "
                    + (v == null ? "produced nothing in this run." : "is not a table."));
        status = 2;
        continue;
      }
      Path file = env.resolve(Path.of(spec.substring(eq + 1))); // the caller's folder
      try {
        StringWriter w = new StringWriter();
        TableCsv.write(t, w);
        dev.blocksmith.engine.graph.GraphFiles.writeAtomically(
            file, w.toString().getBytes(StandardCharsets.UTF_8), false);
        env.out()
            .println("Saved " + t.rowCount() + " rows of " + node + "." + port + " to " + file);
      } catch (IOException e) {
        env.err()
            .println("--csv " + spec + ": could not write " + file + " (" + e.getMessage() + ").");
        status = 2;
      }
    }
    if (report != null) {
      var writer = RunReportWriter.find();
      if (writer.isEmpty()) {
        env.err().println("--report: no report writer is installed in this build.");
        return 2;
      }
      try {
        writer.get().write(g, r, env.registry(), base, report);
        env.out().println("Report: " + report.toAbsolutePath());
      } catch (IOException | RuntimeException e) {
        env.err().println("--report: could not write " + report + " (" + e.getMessage() + ").");
        status = 2;
      }
    }
    return status;
  }
}
