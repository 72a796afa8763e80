package dev.blocksmith.spark;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (not a test; run by {@code bench/spark-predict.sh}): batch prediction over generated
 * CSV files, the local runner (Load CSV + Predict blocks in one JVM) against Spark (the same file
 * read and predicted per partition), interleaved, rows per second. Arguments: row counts.
 */
public final class PredictBench {
  private PredictBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("blocksmith-predict-bench");
    NodeRegistry registry = NodeRegistry.loadInstalled();
    TrainedModel model = SparkPredictTest.trainSmall(dir, registry);
    String master = System.getProperty("bench.master", "local[2]");
    SparkSession spark = SparkRunner.session(master);
    NodeType loadCsv = registry.find("data.load-csv").orElseThrow();
    NodeType predict = registry.find("output.predict").orElseThrow();
    JsonNodeFactory f = JsonNodeFactory.instance;
    for (String a : args) {
      int rows = Integer.parseInt(a);
      Path csv = dir.resolve(rows + ".csv");
      SparkPredictTest.write(csv, rows, 11);
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        int n;
        try (TestContext ctx = new TestContext("predict")) {
          Table data =
              (Table)
                  loadCsv
                      .execute(
                          new Inputs("load", Map.of()),
                          Params.of(loadCsv.spec(), Map.of("file", f.textNode(csv.toString()))),
                          ctx)
                      .get("table");
          Table out =
              (Table)
                  predict
                      .execute(
                          new Inputs("predict", Map.of("model", model, "data", data)),
                          Params.of(predict.spec(), Map.of()),
                          ctx)
                      .get("table");
          n = out.rowCount();
        }
        double local = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        SparkFrame frame =
            SparkLoad.load(
                spark,
                "load",
                csv.toString(),
                dir,
                "",
                "",
                "",
                "",
                "",
                false,
                "auto",
                "auto",
                "auto",
                s -> {});
        long m = SparkPredict.predict(spark, model, frame).count();
        double onSpark = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "rows %,d round %d: local %.1f s (%,.0f rows/s), "
                + "spark %s %.1f s (%,.0f rows/s), spark/local time %.2f%n",
            rows,
            round + 1,
            local,
            n / local,
            master,
            onSpark,
            m / onSpark,
            onSpark / local);
      }
      Files.delete(csv);
    }
    spark.stop();
  }
}
