package dev.blocksmith.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blocksmith.engine.cli.ClusterRunner;
import dev.blocksmith.engine.djl.Devices;
import dev.blocksmith.engine.exec.EnergyMeter;
import dev.blocksmith.engine.exec.RunFolder;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.plan.Plan;
import dev.blocksmith.engine.plan.PlanStep;
import dev.blocksmith.engine.plan.Planner;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Value;
import dev.blocksmith.engine.text.ReportText;
import dev.blocksmith.engine.validate.Problem;
import dev.blocksmith.engine.validate.Validator;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.data.LoadCsv;
import dev.blocksmith.nodes.train.SweepTrial;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a pipeline with Spark: Load CSV/Parquet, Clean, Encode, Normalize, Split and Predict as
 * Spark DataFrame work, Sweep trials as Spark tasks, and every other block (Train, Evaluate, Save
 * model…) on the driver with the rows collected, because training one model stays on one machine.
 */
public final class SparkRunner implements ClusterRunner {
  private static final Set<String> SPARK_BLOCKS =
      Set.of(
          "data.load-csv",
          "prepare.clean",
          "prepare.encode",
          "prepare.normalize",
          "prepare.split",
          "output.predict",
          "train.sweep");

  @Override
  public String name() {
    return "spark";
  }

  /** Returns a session for a master; {@code submit} keeps the one spark-submit chose. */
  public static SparkSession session(String master) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("Blocksmith")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8");
    if (!master.equals("submit")) {
      b = b.master(master);
    }
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    return s;
  }

  @Override
  public int run(Request req, NodeRegistry registry, PrintStream out, PrintStream err) {
    List<Problem> problems = Validator.validate(req.graph(), registry, req.baseDir());
    List<Problem> blocking = problems.stream().filter(p -> !p.isWarning()).toList();
    if (!blocking.isEmpty()) {
      err.println(req.file().getFileName() + " cannot run; fix these problems first:");
      blocking.forEach(p -> err.println(p.describe()));
      return 2;
    }
    long start = System.currentTimeMillis();
    EnergyMeter meter = EnergyMeter.start();
    long seed = req.options().effectiveSeed();
    Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
    ObjectNode json = GraphJson.mapper().createObjectNode();
    ObjectNode nodes = json.putObject("nodes");
    String failed = null;
    try (RunFolder folder = RunFolder.create(req.runsRoot())) {
      SparkSession spark = session(req.master());
      out.println(
          "Running on Spark "
              + spark.version()
              + " (master "
              + spark.sparkContext().master()
              + "); training runs on the driver.");
      Plan plan = Planner.plan(req.graph(), registry, req.baseDir(), Set.of(), seed);
      for (PlanStep step : plan.steps()) {
        String id = step.id();
        long t0 = System.currentTimeMillis();
        ObjectNode n = nodes.putObject(id);
        n.put("type", step.type().spec().id());
        n.put("where", SPARK_BLOCKS.contains(step.type().spec().id()) ? "spark" : "driver");
        try (LocalContext ctx =
            new LocalContext(
                id,
                Devices.choose(req.options().device()),
                seed,
                req.baseDir(),
                folder,
                out::println)) {
          Map<String, Object> in = new LinkedHashMap<>();
          step.inputs().forEach((port, ref) -> in.put(port, value(outputs, ref)));
          Map<String, Object> result = runStep(spark, req, step, in, ctx, folder, seed);
          outputs.put(id, result);
          n.put("status", "FINISHED");
          ObjectNode h = n.putObject("headlines");
          result.forEach((port, v) -> h.put(port, headline(v)));
          for (Map.Entry<String, Object> o : result.entrySet()) {
            if (o.getValue() instanceof Report r) {
              folder.writeReport(id, o.getKey(), result.size() == 1, r);
              ObjectNode m =
                  n.has("metrics") ? (ObjectNode) n.get("metrics") : n.putObject("metrics");
              r.metrics().forEach(m::put);
            }
          }
          out.println(
              "  "
                  + id
                  + "  done  "
                  + String.join(
                      "; ", h.properties().stream().map(e -> e.getValue().asText()).toList()));
        } catch (NodeException e) {
          failed = id;
          n.put("status", "FAILED");
          n.put("message", e.getMessage());
          err.println(
              "  " + id + "  failed: " + e.getMessage() + (e.fix() == null ? "" : " " + e.fix()));
          break;
        } finally {
          n.put("millis", System.currentTimeMillis() - t0);
        }
      }
      json.put("runId", folder.runId());
      json.put("engine", "spark");
      json.put("master", spark.sparkContext().master());
      json.put("sparkVersion", spark.version());
      json.put("seed", seed);
      json.put("success", failed == null);
      json.put("millis", System.currentTimeMillis() - start);
      json.put("graph", req.graph().name());
      json.put("device", "driver: " + Devices.describe(Devices.choose(req.options().device())));
      json.put("reproducible", req.options().reproducible());
      json.set("pipeline", GraphJson.mapper().readTree(GraphJson.write(req.graph())));
      json.put("pipelineFile", req.file().toAbsolutePath().toString());
      json.set("overrides", GraphJson.mapper().valueToTree(req.overrides()));
      ObjectNode energy = meter.finish();
      energy.put(
          "method",
          energy.path("method").asText()
              + "; the driver only: executors on other machines are not counted");
      json.set("energy", energy);
      folder.writeRunJson(json);
      if (req.json()) {
        out.println(json.toPrettyString());
      } else {
        for (Map.Entry<String, Map<String, Object>> e : outputs.entrySet()) {
          for (Object v : e.getValue().values()) {
            if (v instanceof Report r && !e.getKey().equals("encode")) {
              out.println();
              out.println("== " + e.getKey() + " ==");
              out.print(ReportText.render(r));
            }
          }
        }
        out.println();
        out.println(EnergyMeter.describe(energy));
        out.println("Run folder: " + folder.dir());
      }
      return failed == null ? 0 : 1;
    } catch (Exception e) {
      err.println("The Spark run stopped: " + e);
      return 1;
    }
  }

  private static Object value(Map<String, Map<String, Object>> outputs, PortRef ref) {
    return outputs.getOrDefault(ref.node(), Map.of()).get(ref.port());
  }

  private static String headline(Object v) {
    if (v instanceof SparkFrame f) {
      return String.format("%,d rows (Spark)", f.count());
    }
    if (v instanceof Predictions p) {
      return String.format("%,d predictions written to %s", p.rows(), p.path());
    }
    return v instanceof Value val ? val.headline() : String.valueOf(v);
  }

  /** The predictions of a Spark Predict, written to the run folder. */
  record Predictions(Dataset<Row> df, String path, long rows) {}

  static Map<String, Object> runStep(
      SparkSession spark,
      Request req,
      PlanStep step,
      Map<String, Object> in,
      LocalContext ctx,
      RunFolder folder,
      long seed)
      throws Exception {
    Params p = step.params();
    String id = step.id();
    switch (step.type().spec().id()) {
      case "data.load-csv" -> {
        return Map.of(
            "table",
            SparkLoad.load(
                spark,
                id,
                p.get(LoadCsv.FILE),
                req.baseDir(),
                p.get(LoadCsv.LABEL),
                p.get(LoadCsv.GROUP),
                p.get(LoadCsv.IDS),
                p.get(LoadCsv.KEEP),
                p.get(LoadCsv.IGNORE),
                p.get(LoadCsv.SKIP_BAD_ROWS),
                p.get(LoadCsv.DELIMITER),
                p.get(LoadCsv.HEADER),
                p.get(LoadCsv.ENCODING),
                ctx::log));
      }
      case "prepare.clean" -> {
        if (in.get("table") instanceof SparkFrame f) {
          return Map.of("table", SparkClean.run(f, p, id, ctx::log));
        }
      }
      case "prepare.encode", "prepare.normalize" -> {
        if (in.get("table") instanceof SparkFrame f) {
          Map<String, Object> r =
              step.type().execute(new Inputs(id, Map.of("table", f.schema())), p, ctx);
          Map<String, Object> o = new LinkedHashMap<>(r);
          o.put("table", f.withSchema((Table) r.get("table")));
          return o;
        }
      }
      case "prepare.split" -> {
        if (in.get("data") instanceof SparkFrame f) {
          List<SparkFrame> parts = SparkSplit.run(spark, f, p, ctx);
          return Map.of("train", parts.get(0), "validation", parts.get(1), "test", parts.get(2));
        }
      }
      case "output.predict" -> {
        if (in.get("data") instanceof SparkFrame f && in.get("model") instanceof TrainedModel m) {
          Dataset<Row> d = SparkPredict.predict(spark, m, f);
          String path = folder.dir().resolve(id + ".predictions.csv").toString();
          SparkPredict.write(d, path);
          long rows = spark.read().option("header", true).csv(path).count();
          ctx.log(String.format("Predicted %,d rows on Spark; written to %s", rows, path));
          return Map.of("table", new Predictions(d, path, rows));
        }
      }
      case "train.sweep" -> {
        SparkSweep.Result r = SparkSweep.run(spark, req.graph(), req.baseDir(), id, p, seed);
        for (SweepTrial t : r.trials()) {
          ctx.log("Trial " + (t.index() + 1) + ": " + t.scoreText());
        }
        return Map.of(
            "model",
            r.best().model(),
            "report",
            SweepTrial.comparison(
                r.trials(), "as Spark tasks (master " + spark.sparkContext().master() + ")"));
      }
      default -> {}
    }
    Map<String, Object> local = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : in.entrySet()) {
      Object v = e.getValue();
      if (v instanceof SparkFrame f) {
        v = f.toTable();
      } else if (v instanceof Predictions) {
        throw NodeException.atPort(
            id,
            e.getKey(),
            "Predictions made on Spark stay in Spark.",
            "Read the predictions file from the run folder instead.");
      }
      local.put(e.getKey(), v);
    }
    return step.type().execute(new Inputs(id, local), p, ctx);
  }
}
