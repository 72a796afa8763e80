package dev.blocksmith.nodes.prepare;

import dev.blocksmith.engine.embed.SentenceEmbedder;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Outputs;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.ColumnType;
import dev.blocksmith.engine.value.Recipe;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.report.ChangeLog;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The "Text features" block: chooses how text columns become numbers for Train — the meaning of
 * each sentence from the shipped pretrained language model, or classic word counts. The choice is
 * recorded in the table's recipe and travels inside the trained model, so Predict works on raw
 * text. For meaning, the texts are embedded here (with progress) and remembered on disk, so Train,
 * Evaluate and re-runs find them ready.
 */
public final class TextFeatures implements NodeType {

  /** The table with text. */
  public static final Port<Table> IN =
      Port.of("table", PortType.TABLE, Table.class, "Table", "The table with a text column.");

  /** The same table, with the choice recorded. */
  public static final Port<Table> OUT =
      Port.of(
          "table",
          PortType.TABLE,
          Table.class,
          "Table",
          "The same rows; Train will turn the chosen text columns into numbers.");

  /** What was done. */
  public static final Port<Report> REPORT =
      Port.of(
          "report",
          PortType.REPORT,
          Report.class,
          "What happened",
          "Which columns, which method, and how many texts were ready from the cache.");

  /** Meaning or words. */
  public static final Param<String> METHOD =
      Param.choice("method")
          .setLabel("Method")
          .setHelp(
              "Sentence meaning: understands the meaning of sentences (a pretrained language "
                  + "model, 22 M parameters, runs on your computer), so \"remove a file\" and \"delete "
                  + "a document\" look alike; English works best. Word counts: counts which words "
                  + "appear (TF-IDF), learned from the training rows only; works for any language "
                  + "with spaces, but knows no synonyms.")
          .addChoice("meaning", "Sentence meaning (pretrained)")
          .addChoice("words", "Word counts (TF-IDF)")
          .optDefault("meaning")
          .build();

  /** Which columns. */
  public static final Param<String> COLUMNS =
      Param.text("columns")
          .setLabel("Columns")
          .setHelp("Text columns to use, separated by commas; empty means every text column.")
          .optDefault("")
          .build();

  /** Vocabulary cap. */
  public static final Param<Integer> MAX_WORDS =
      Param.integer("maxWords")
          .setLabel("Most words")
          .setHelp(
              "For word counts: the most words kept (those found in the most training rows; "
                  + "a word must appear in at least 2). Each word becomes one number.")
          .optDefault(Recipe.DEFAULT_MAX_WORDS)
          .optRange(10.0, 50_000.0)
          .optAdvanced(true)
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("prepare.text-features")
          .setDisplayName("Text features")
          .setCategory(Category.PREPARE)
          .setSummary("Lets a model read text: sentence meaning (pretrained) or word counts.")
          .setWhatItDoes(
              "Models only understand numbers. Sentence meaning runs a pretrained "
                  + "language model (all-MiniLM-L6-v2, 22 M parameters, on your computer, no "
                  + "internet) that turns each text into 384 numbers describing what it means; only a "
                  + "small head is trained on top. Word counts give each frequent word a number "
                  + "instead. Train applies the choice, and the model keeps it, so it can answer for "
                  + "new raw text.")
          .optWhyItMatters(
              "With a few hundred examples, a model cannot learn a language from "
                  + "scratch; one that already knows what sentences mean needs far fewer.")
          .optWatchOutFor(
              "The first run on many texts takes a while (every text is remembered "
                  + "afterwards, so re-runs are instant). The language model was trained on English.")
          .addInput(IN)
          .addOutput(OUT)
          .addOutput(REPORT)
          .addParam(METHOD)
          .addParam(COLUMNS)
          .addParam(MAX_WORDS)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Table table = inputs.get(IN);
    List<Column> columns =
        params.get(COLUMNS).isBlank()
            ? table.columns().stream()
                .filter(
                    c ->
                        c.type() == ColumnType.TEXT
                            && (table.role(c.name()) == ColumnRole.FEATURE
                                || table.role(c.name()) == ColumnRole.IGNORE))
                .toList()
            : ColumnList.resolve(
                table,
                params.get(COLUMNS),
                EnumSet.of(ColumnType.TEXT, ColumnType.CATEGORY),
                ctx.nodeId(),
                COLUMNS.name(),
                "Text features");
    if (columns.isEmpty()) {
      throw NodeException.atParam(
          ctx.nodeId(),
          COLUMNS.name(),
          "The table has no text column "
              + "(columns: "
              + String.join(", ", table.columnNames())
              + ").",
          "Name the column with the text in \"Columns\".");
    }
    Table out = table;
    for (Column c : columns) {
      // Load CSV leaves free text out of learning; choosing it here brings it back in.
      if (table.role(c.name()) == ColumnRole.IGNORE) {
        out = out.withRole(c.name(), ColumnRole.FEATURE);
      } else if (table.role(c.name()) != ColumnRole.FEATURE) {
        throw NodeException.atParam(
            ctx.nodeId(),
            COLUMNS.name(),
            "Column \""
                + c.name()
                + "\" is marked as "
                + table.role(c.name()).name().toLowerCase(java.util.Locale.ROOT)
                + ", not as something to learn from.",
            "Remove it from \"Columns\".");
      }
    }
    boolean meaning = params.get(METHOD).equals("meaning");
    Recipe.TextMethod method = meaning ? Recipe.TextMethod.MEANING : Recipe.TextMethod.WORDS;
    Recipe recipe = table.recipe();
    ChangeLog log = new ChangeLog(ctx);
    for (Column c : columns) {
      recipe = recipe.withText(c.name(), method, params.get(MAX_WORDS));
    }
    List<String> names = columns.stream().map(c -> "\"" + c.name() + "\"").toList();
    if (meaning) {
      embed(columns, ctx, log);
    } else {
      log.add(
          "Word counts recorded",
          "Word counts (TF-IDF) chosen for "
              + String.join(", ", names)
              + "; Train keeps up to "
              + params.get(MAX_WORDS)
              + " words.");
      log.add(
          "Fitted on training rows",
          "The list of words and their weights come from the "
              + "training rows only, when the model trains, so nothing leaks from the test rows.");
    }
    ctx.progress(1, null);
    return Outputs.builder()
        .put(OUT, out.withRecipe(recipe))
        .put(REPORT, log.report("What Text features records"))
        .build();
  }

  private static void embed(List<Column> columns, NodeContext ctx, ChangeLog log)
      throws NodeException {
    SentenceEmbedder embedder;
    try {
      embedder = SentenceEmbedder.shared();
    } catch (IllegalStateException e) {
      throw NodeException.of(
          ctx.nodeId(), e.getMessage(), "Choose Word counts instead, or reinstall Blocksmith.");
    }
    List<String> texts = new ArrayList<>();
    for (Column c : columns) {
      for (int r = 0; r < c.size(); r++) {
        texts.add(c.isMissing(r) ? null : c.format(r));
      }
    }
    int todo = embedder.missing(texts);
    long t0 = System.nanoTime();
    try {
      embedder.embed(
          texts,
          new SentenceEmbedder.Listener() {
            @Override
            public void progress(int done, int total) {
              ctx.progress((double) done / total, "Reading texts: " + done + " of " + total);
            }

            @Override
            public boolean cancelled() {
              return ctx.isCancelled();
            }
          });
    } catch (CancellationException e) {
      ctx.checkCancelled();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    int distinct = (int) texts.stream().filter(t -> t != null).distinct().count();
    log.add(
        "Sentence meaning",
        "Texts of "
            + String.join(", ", columns.stream().map(c -> "\"" + c.name() + "\"").toList())
            + " become "
            + SentenceEmbedder.DIMENSIONS
            + " numbers each through "
            + embedder.backbone().describe()
            + ".");
    log.add(
        "Texts read",
        String.format(
            java.util.Locale.ROOT,
            "%,d distinct texts: %,d were already remembered, %,d read now in %.1f s.",
            distinct,
            distinct - todo,
            todo,
            seconds));
    log.metric("texts read now", todo);
  }
}
