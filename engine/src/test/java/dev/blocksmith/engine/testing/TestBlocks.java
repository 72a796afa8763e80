package dev.blocksmith.engine.testing;

import dev.blocksmith.engine.registry.NodeRegistry;
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
import dev.blocksmith.engine.spi.PortSpec;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tiny blocks for engine tests, with counters and latches. Create a fresh instance per test: the
 * counters live in it. Ids start with {@code test.}.
 */
public final class TestBlocks {
  /** Emits a one-row table holding {@code value}; counts its runs. */
  public final Counting source = new Counting();

  /** Adds {@code amount} to column x; counts its runs. */
  public final AddOne addOne = new AddOne();

  /** Keeps its costly part for later runs. */
  public final Remember remember = new Remember();

  /** Waits until {@link #meetingSize} nodes of this type run at the same time. */
  public final Meet meet = new Meet();

  /** A heavy block that records how many heavy blocks ran at once. */
  public final Heavy heavy = new Heavy();

  /** Signals {@link Wait#started} then waits for cancellation or {@link Wait#release}. */
  public final Wait waiter = new Wait();

  /** Waits, and when cancelled returns what it has (as Train keeps its best model so far). */
  public final KeepOnCancel keeper = new KeepOnCancel();

  /** Always fails, with a NodeException or (mode "crash") an unexpected exception. */
  public final Fail fail = new Fail();

  /** Turns a table into a report with accuracy = first x. */
  public final Score score = new Score();

  /** Needs a model on its input (for type mismatches). */
  public final NeedsModel needsModel = new NeedsModel();

  /** How many Meet nodes must run together before each may go on. */
  public int meetingSize = 2;

  /** Returns a registry of all these blocks. */
  public NodeRegistry registry() {
    return NodeRegistry.of(
        List.of(source, addOne, remember, meet, heavy, waiter, keeper, fail, score, needsModel));
  }

  static Table table(double x) {
    return Table.of(List.of(new NumberColumn("x", new double[] {x})));
  }

  static double x(Table t) {
    return ((NumberColumn) t.column("x").orElseThrow()).get(0);
  }

  static final Port<Table> TABLE_IN =
      Port.of("table", PortType.TABLE, Table.class, "Table", "The rows to work on.");
  static final Port<Table> TABLE_OUT =
      Port.of("table", PortType.TABLE, Table.class, "Table", "The resulting rows.");
  static final Port<Table> PASS_IN =
      Port.optional("table", PortType.TABLE, Table.class, "Table", "Passed through.");
  static final Port<Report> REPORT =
      Port.of("report", PortType.REPORT, Report.class, "Report", "The scores.");
  static final Port<Object> MODEL_IN =
      Port.of("model", PortType.MODEL, Object.class, "Model", "The trained model.");
  static final Param<Double> VALUE =
      Param.number("value")
          .setLabel("Value")
          .setHelp("The number in the table.")
          .optDefault(1.0)
          .optRange(0.0, 100.0)
          .build();
  static final Param<Double> AMOUNT =
      Param.number("amount").setLabel("Amount").setHelp("What to add.").optDefault(1.0).build();
  static final Param<String> MODE =
      Param.choice("mode")
          .setLabel("Mode")
          .setHelp("How to fail.")
          .addChoice("node", "Plainly")
          .addChoice("crash", "Crash")
          .optDefault("node")
          .build();

  static PortSpec tableIn() {
    return TABLE_IN.spec();
  }

  static PortSpec tableOut() {
    return TABLE_OUT.spec();
  }

  static NodeSpec.Builder describe(String id, String name) {
    return NodeSpec.builder(id)
        .setDisplayName(name)
        .setCategory(Category.PREPARE)
        .setSummary(name + " (test block).")
        .setWhatItDoes("Used by engine tests.")
        .optWhyItMatters("It proves the engine works.")
        .optWatchOutFor("Not for real use.");
  }

  /** A source block that counts its executions. */
  public static final class Counting implements NodeType {
    /** Number of executions so far. */
    public final AtomicInteger runs = new AtomicInteger();

    private static final NodeSpec SPEC =
        describe("test.source", "Make number").addOutput(tableOut()).addParam(VALUE).build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) {
      runs.incrementAndGet();
      ctx.progress(0.5, "making");
      return Outputs.of(TABLE_OUT, table(p.get(VALUE)));
    }
  }

  /** Adds a number to column x; counts its executions. */
  public static final class AddOne implements NodeType {
    /** Number of executions so far. */
    public final AtomicInteger runs = new AtomicInteger();

    private static final NodeSpec SPEC =
        describe("test.add-one", "Add")
            .addInput(tableIn())
            .addOutput(tableOut())
            .addParam(AMOUNT)
            .build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws NodeException {
      runs.incrementAndGet();
      double x = x(in.get(TABLE_IN));
      return Outputs.of(TABLE_OUT, table(x + p.get(AMOUNT)));
    }
  }

  /**
   * Computes ten times x (the costly part, which depends on the input only) and adds its amount;
   * keeps the costly part with {@link NodeContext#keep} and counts how often it computed it.
   */
  public static final class Remember implements NodeType {
    /** How often the costly part was computed rather than recalled. */
    public final AtomicInteger computed = new AtomicInteger();

    private static final NodeSpec SPEC =
        describe("test.remember", "Remember")
            .addInput(tableIn())
            .addOutput(tableOut())
            .addParam(AMOUNT)
            .build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws NodeException {
      Table costly = ctx.recall("ten times", Table.class, TABLE_IN).orElse(null);
      if (costly == null) {
        computed.incrementAndGet();
        costly = table(10 * x(in.get(TABLE_IN)));
        ctx.keep("ten times", costly, TABLE_IN);
      }
      return Outputs.of(TABLE_OUT, table(x(costly) + p.get(AMOUNT)));
    }
  }

  /** Each node of this type waits (up to 10 s) until {@code meetingSize} of them run at once. */
  public final class Meet implements NodeType {
    private volatile CountDownLatch arrived;

    private static final NodeSpec SPEC =
        describe("test.meet", "Meet").addOutput(tableOut()).build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws Exception {
      synchronized (this) {
        if (arrived == null) {
          arrived = new CountDownLatch(meetingSize);
        }
      }
      arrived.countDown();
      if (!arrived.await(10, TimeUnit.SECONDS)) {
        throw NodeException.of(ctx.nodeId(), "The other branch never ran at the same time.", "");
      }
      return Outputs.of(TABLE_OUT, table(1));
    }
  }

  /** A heavy block: records the most heavy blocks seen running at once. */
  public static final class Heavy implements NodeType {
    /** Heavy blocks running now. */
    public final AtomicInteger active = new AtomicInteger();

    /** Most heavy blocks that ran at once. */
    public final AtomicInteger maxActive = new AtomicInteger();

    /** Counted down by each heavy block; reaches zero only if two overlap. */
    public final CountDownLatch overlap = new CountDownLatch(2);

    private static final NodeSpec SPEC =
        describe("test.heavy", "Train (fake)").addOutput(tableOut()).optHeavy(true).build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws Exception {
      int now = active.incrementAndGet();
      maxActive.accumulateAndGet(now, Math::max);
      overlap.countDown();
      overlap.await(300, TimeUnit.MILLISECONDS); // gives a second heavy node the chance to overlap
      active.decrementAndGet();
      return Outputs.of(TABLE_OUT, table(2));
    }
  }

  /** Signals that it started, then waits for release or cancellation. */
  public static final class Wait implements NodeType {
    /** Counted down when the block starts. */
    public final CountDownLatch started = new CountDownLatch(1);

    /** Count down to let the block finish normally. */
    public final CountDownLatch release = new CountDownLatch(1);

    private static final NodeSpec SPEC =
        describe("test.wait", "Wait").addInput(PASS_IN).addOutput(tableOut()).build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws Exception {
      started.countDown();
      while (!release.await(5, TimeUnit.MILLISECONDS)) {
        ctx.checkCancelled();
      }
      return Outputs.of(TABLE_OUT, in.optional(PASS_IN).orElse(table(0)));
    }
  }

  /** Waits for a release or a cancel; on cancel it returns normally instead of throwing. */
  public static final class KeepOnCancel implements NodeType {
    /** Counted down when the block starts. */
    public final CountDownLatch started = new CountDownLatch(1);

    /** Count down to let the block finish without a cancel. */
    public final CountDownLatch release = new CountDownLatch(1);

    /** How often it ran. */
    public final AtomicInteger runs = new AtomicInteger();

    private static final NodeSpec SPEC =
        describe("test.keep-on-cancel", "Keep on cancel")
            .addInput(PASS_IN)
            .addOutput(tableOut())
            .build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws Exception {
      runs.incrementAndGet();
      started.countDown();
      while (!ctx.isCancelled() && !release.await(5, TimeUnit.MILLISECONDS)) {
        Thread.onSpinWait();
      }
      return Outputs.of(TABLE_OUT, in.optional(PASS_IN).orElse(table(0)));
    }
  }

  /** Always fails. */
  public static final class Fail implements NodeType {
    private static final NodeSpec SPEC =
        describe("test.fail", "Fail")
            .addInput(tableIn())
            .addOutput(tableOut())
            .addParam(MODE)
            .build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws Exception {
      if (p.get(MODE).equals("crash")) {
        throw new IllegalStateException("boom");
      }
      throw NodeException.of(ctx.nodeId(), "The numbers are too small.", "Use bigger numbers.");
    }
  }

  /** Makes a report whose accuracy is the table's first x. */
  public static final class Score implements NodeType {
    private static final NodeSpec SPEC =
        describe("test.score", "Score").addInput(tableIn()).addOutput(REPORT).build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) throws NodeException {
      double x = x(in.get(TABLE_IN));
      Report r =
          new Report(
              "Test results",
              "classification",
              Map.of("accuracy", x),
              List.of("cat", "dog"),
              new int[][] {{5, 1}, {2, 12}},
              List.of(new Report.ClassScores("cat", 0.7, 0.8, 0.75, 6)),
              List.of(),
              List.of(),
              List.of());
      return Outputs.of(REPORT, r);
    }
  }

  /** Needs a model. */
  public static final class NeedsModel implements NodeType {
    private static final NodeSpec SPEC =
        describe("test.needs-model", "Use model").addInput(MODEL_IN).addOutput(tableOut()).build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) {
      return Outputs.of(TABLE_OUT, table(0));
    }
  }
}
