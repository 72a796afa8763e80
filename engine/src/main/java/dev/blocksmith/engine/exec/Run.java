package dev.blocksmith.engine.exec;

import ai.djl.Device;
import dev.blocksmith.engine.djl.Devices;
import dev.blocksmith.engine.exec.RunEvent.NodeCached;
import dev.blocksmith.engine.exec.RunEvent.NodeFailed;
import dev.blocksmith.engine.exec.RunEvent.NodeFinished;
import dev.blocksmith.engine.exec.RunEvent.NodeQueued;
import dev.blocksmith.engine.exec.RunEvent.NodeStarted;
import dev.blocksmith.engine.exec.RunEvent.RunFinished;
import dev.blocksmith.engine.exec.RunEvent.RunStarted;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.plan.Plan;
import dev.blocksmith.engine.plan.PlanStep;
import dev.blocksmith.engine.spi.Inputs;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a plan: the state machine behind a {@link RunHandle}. All status changes happen under
 * this object's lock, and the events of a node are emitted in order under it.
 */
final class Run implements RunHandle {
  private static final Set<NodeStatus> ENDED =
      EnumSet.of(
          NodeStatus.DONE,
          NodeStatus.CACHED,
          NodeStatus.FAILED,
          NodeStatus.DIVERGED,
          NodeStatus.CANCELLED,
          NodeStatus.SKIPPED);

  private final Plan plan;
  private final RunSetup setup;
  private final OutputCache cache;
  private final WrittenFiles written;
  private final RunListener listener;
  private final RunFolder folder;
  private final ExecutorService pool;
  private final Map<String, List<String>> downstream;
  private final Map<String, PlanStep> steps = new LinkedHashMap<>();
  private final Map<String, Integer> waitingFor = new HashMap<>();
  private final Map<String, NodeStatus> statuses = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> outputs = new ConcurrentHashMap<>();
  private final Map<String, String> messages = new LinkedHashMap<>();
  private final Map<String, Long> millis = new HashMap<>();
  private final Map<String, AtomicBoolean> nodeCancelled = new HashMap<>();
  private final Set<String> submitted = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<Optional<Map<String, Object>>>> prefetched =
      new HashMap<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private boolean draining;
  private final CompletableFuture<RunResult> result = new CompletableFuture<>();
  private final long started = System.currentTimeMillis();
  private final EnergyMeter energy = EnergyMeter.start();
  private volatile Device device;
  private volatile String deviceText = "";
  private boolean seeded;
  private boolean finished;

  Run(
      Plan plan,
      RunSetup setup,
      OutputCache cache,
      WrittenFiles written,
      RunListener listener,
      RunFolder folder,
      ExecutorService pool) {
    this.plan = plan;
    this.setup = setup;
    this.cache = cache;
    this.written = written;
    this.listener = listener;
    this.folder = folder;
    this.pool = pool;
    this.downstream = plan.downstream();
    for (PlanStep s : plan.steps()) {
      steps.put(s.id(), s);
      waitingFor.put(s.id(), s.upstream().size());
      statuses.put(s.id(), NodeStatus.QUEUED);
      nodeCancelled.put(s.id(), new AtomicBoolean());
    }
  }

  @Override
  public String runId() {
    return folder.runId();
  }

  @Override
  public CompletableFuture<RunResult> result() {
    return result;
  }

  /** Chooses the device, announces the run and starts every node without inputs. */
  void begin() {
    try {
      if (setup.reproducible() && !Devices.prepareReproducible()) {
        folder.log(
            "run",
            "Reproducible mode was asked for after the engine had started with"
                + " other thread settings; restart Blocksmith for bit-identical results.");
      }
      device = Devices.choose(setup.device());
      deviceText = Devices.describe(device);
    } catch (RuntimeException | LinkageError e) {
      folder.logError("run", e);
      synchronized (this) {
        messages.put("run", e.getMessage() == null ? e.toString() : e.getMessage());
        statuses.replaceAll((k, v) -> NodeStatus.SKIPPED);
        emit(new RunStarted(runId(), "no device", plan.steps().size(), folder.dir()));
        finish();
      }
      return;
    }
    folder.log("run", "Started on " + deviceText + ", seed " + setup.seed());
    synchronized (this) {
      emit(new RunStarted(runId(), deviceText, plan.steps().size(), folder.dir()));
      plan.steps().forEach(s -> emit(new NodeQueued(runId(), s.id())));
      prefetchFromDisk();
      for (PlanStep s : plan.steps()) {
        if (waitingFor.get(s.id()) == 0) {
          dispatch(s.id());
        }
      }
      finishIfDone();
    }
  }

  /**
   * Queues a ready node and, unless already doing so, serves queued nodes one by one: a node served
   * from the cache makes its successors ready at once, so a long cached chain is walked by this
   * loop, never by recursion. Caller holds the lock.
   */
  private void dispatch(String id) {
    ready.add(id);
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (!ready.isEmpty()) {
        dispatchOne(ready.poll());
      }
    } finally {
      draining = false;
    }
  }

  /** Serves a ready node from the cache, or hands it to the pool. Caller holds the lock. */
  private void dispatchOne(String id) {
    if (statuses.get(id) != NodeStatus.QUEUED || !submitted.add(id)) {
      return;
    }
    PlanStep step = steps.get(id);
    CompletableFuture<Optional<Map<String, Object>>> read = prefetched.remove(id);
    boolean stale = !WrittenFiles.writesNothing(step) && !written.unchanged(step, setup.baseDir());
    if (stale) {
      // What it wrote outside the graph is missing, changed or unknown: never from the cache.
      folder.log(id, "Runs again: what it writes outside the graph is missing or changed.");
      read = null;
    }
    Optional<Map<String, Object>> hit =
        read == null && !stale ? cache.memoryGet(step.signature()) : Optional.empty();
    if (hit.isPresent()) {
      serveCached(id, hit.get(), "Reused from the cache.");
      return;
    }
    try {
      if (read == null) {
        pool.execute(() -> execute(step));
      } else {
        read.whenCompleteAsync(
            (fromDisk, err) -> {
              if (err != null || !serveFromDisk(step, fromDisk)) {
                execute(step);
              }
            },
            pool);
      }
    } catch (RejectedExecutionException e) {
      end(id, NodeStatus.CANCELLED, "The engine was shut down before this block could run.", "");
    }
  }

  /** Marks a node cached with the given outputs and releases its dependants. Caller holds lock. */
  private void serveCached(String id, Map<String, Object> outs, String note) {
    statuses.put(id, NodeStatus.CACHED);
    outputs.put(id, outs);
    folder.log(id, note);
    emit(new NodeCached(runId(), id, Headlines.of(steps.get(id), outs)));
    writeReports(id, outs);
    release(id);
  }

  /**
   * Starts reading, in parallel on the pool and outside the lock, every node's outputs that are on
   * disk but not in memory, so a chain of cached nodes is read at once rather than one after the
   * other. Caller holds the lock.
   */
  private void prefetchFromDisk() {
    for (PlanStep s : plan.steps()) {
      if (cache.memoryGet(s.signature()).isEmpty() && cache.contains(s.signature())) {
        try {
          prefetched.put(
              s.id(), CompletableFuture.supplyAsync(() -> cache.get(s.signature()), pool));
        } catch (RejectedExecutionException e) {
          return; // shutting down: the nodes end cancelled when dispatched
        }
      }
    }
  }

  /**
   * Serves a node from what was read from disk; returns false when the entry turned out unreadable
   * (damaged, evicted meanwhile), so the node runs instead.
   */
  private boolean serveFromDisk(PlanStep step, Optional<Map<String, Object>> hit) {
    if (hit.isEmpty()) {
      return false;
    }
    synchronized (this) {
      if (statuses.get(step.id()) == NodeStatus.QUEUED) {
        serveCached(step.id(), hit.get(), "Reused from the disk cache.");
      }
      finishIfDone();
    }
    return true;
  }

  /**
   * Returns whether a node's outputs may outlast this process. Output blocks (Save model, exports)
   * write outside the graph, so a new process always runs them again; a block without outputs
   * exists only for its effects.
   */
  static boolean persistable(PlanStep step) {
    var spec = step.type().spec();
    return spec.category() != dev.blocksmith.engine.spi.Category.OUTPUT
        && !spec.outputs().isEmpty();
  }

  private void execute(PlanStep step) {
    boolean holdsHeavy = false;
    try {
      if (step.heavy()) {
        if (!acquireHeavy(step.id())) {
          return;
        }
        holdsHeavy = true;
      }
      runNode(step);
    } finally {
      if (holdsHeavy) {
        Executor.HEAVY.release();
      }
    }
  }

  private void runNode(PlanStep step) {
    String id = step.id();
    Map<String, Object> in = new HashMap<>();
    synchronized (this) {
      if (statuses.get(id) != NodeStatus.QUEUED) {
        return; // cancelled while waiting for a thread
      }
      if (cancelledAny(id)) {
        end(id, NodeStatus.CANCELLED, "Cancelled before it started.", "");
        finishIfDone();
        return;
      }
      statuses.put(id, NodeStatus.RUNNING);
      step.inputs()
          .forEach(
              (port, from) -> {
                Object v = outputs.getOrDefault(from.node(), Map.of()).get(from.port());
                if (v != null) {
                  in.put(port, v);
                }
              });
      emit(new NodeStarted(runId(), id));
    }
    folder.log(id, "Started (" + step.type().spec().id() + ").");
    long t0 = System.nanoTime();
    Map<String, Object> out = null;
    Failures.Outcome failure;
    NodeRunContext ctx = context(id);
    boolean abandoned = false;
    try {
      if (watched(step)) {
        int before = Watchdog.abandoned();
        try {
          out =
              Watchdog.run(
                  id,
                  "'" + step.displayName() + "' (" + id + "), " + origin(step) + ",",
                  () -> step.type().execute(new Inputs(id, in), step.params(), ctx),
                  () -> cancelledAny(id),
                  setup.blockTimeout(),
                  () -> nodeCancelled.get(id).set(true));
        } finally {
          abandoned = Watchdog.abandoned() != before;
        }
      } else {
        out = step.type().execute(new Inputs(id, in), step.params(), ctx);
      }
      failure = Failures.checkOutputs(step, out);
    } catch (Throwable t) {
      failure = Failures.of(step, t, folder, cancelledAny(id));
    } finally {
      if (abandoned) {
        // An abandoned block may still use its DJL manager: closing it under the block could
        // crash natively, so it is left to the end of the process; what it reports is dropped.
        ctx.detach();
      } else {
        ctx.close();
      }
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (failure == null && !WrittenFiles.writesNothing(step)) {
      written.record(step, WrittenFiles.now(step, setup.baseDir()));
      WrittenFiles.ledger(step, setup.baseDir());
    }
    Map<String, Object> kept = null;
    if (failure == null) {
      kept = new LinkedHashMap<>(out);
      kept.values().removeIf(java.util.Objects::isNull);
      kept.replaceAll((port, v) -> withRecipe(v));
      // Stored before the node is announced finished, so a run that ends has written its entries
      // (a CLI process exits right after); the disk write is outside the run's lock. A block that
      // returned after the user cancelled (Train keeps its best model so far) made something
      // unfinished: it is shown and passed on in this run, never served from the cache later.
      if (cancelledAny(id)) {
        folder.log(id, "Returned after cancel: its outputs are not cached.");
      } else {
        cache.put(step.signature(), kept, persistable(step));
      }
    }
    synchronized (this) {
      millis.put(id, ms);
      if (failure != null) {
        end(id, failure.status(), failure.message(), failure.fix());
      } else {
        statuses.put(id, NodeStatus.DONE);
        outputs.put(id, kept);
        folder.log(id, "Finished in " + ms + " ms.");
        emit(new NodeFinished(runId(), id, ms, Headlines.of(steps.get(id), kept)));
        writeReports(id, kept);
        release(id);
      }
      finishIfDone();
    }
  }

  /**
   * Returns whether a block runs on a watched thread: plugin blocks, and any under a time limit.
   */
  private boolean watched(PlanStep step) {
    return step.type() instanceof dev.blocksmith.engine.registry.PluginBlock
        || setup.blockTimeout() != null;
  }

  private static String origin(PlanStep step) {
    return step.type() instanceof dev.blocksmith.engine.registry.PluginBlock w
        ? "from " + w.origin()
        : "a built-in block";
  }

  /** Waits for the JVM-wide heavy slot; returns false when the node was cancelled meanwhile. */
  private boolean acquireHeavy(String id) {
    try {
      while (!Executor.HEAVY.tryAcquire(50, TimeUnit.MILLISECONDS)) {
        if (cancelledAny(id)) {
          synchronized (this) {
            end(
                id,
                NodeStatus.CANCELLED,
                "Cancelled while waiting for another training to end.",
                "");
            finishIfDone();
          }
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      synchronized (this) {
        end(id, NodeStatus.CANCELLED, "The engine was shut down before this block could run.", "");
        finishIfDone();
      }
      return false;
    }
    return true;
  }

  private NodeRunContext context(String id) {
    return new NodeRunContext(
        runId(),
        id,
        this::emit,
        folder,
        cancelled,
        nodeCancelled.get(id),
        () -> device,
        this::seedOnce,
        setup.seed(),
        setup.baseDir(),
        new Kept(steps.get(id), steps, cache));
  }

  private synchronized void seedOnce() {
    if (!seeded) {
      seeded = true;
      Devices.seed(setup.seed());
    }
  }

  private boolean cancelledAny(String id) {
    return cancelled.get() || nodeCancelled.get(id).get();
  }

  /**
   * Returns a model output that records the graph that made it (so a saved model can restore its
   * recipe); other values unchanged. A model that already names its graph keeps it.
   */
  private Object withRecipe(Object value) {
    if (value instanceof TrainedModel m
        && setup.graphJson() != null
        && m.provenance() != null
        && m.provenance().graphJson() == null) {
      return m.withProvenance(m.provenance().withGraphJson(setup.graphJson()));
    }
    return value;
  }

  /** Marks a node's outputs ready and dispatches the nodes that were waiting only for it. */
  private void release(String id) {
    for (String d : downstream.get(id)) {
      int left = waitingFor.merge(d, -1, Integer::sum);
      if (left == 0) {
        dispatch(d);
      }
    }
  }

  /** Ends a node without outputs and skips everything downstream of it. Caller holds the lock. */
  private void end(String id, NodeStatus status, String message, String fix) {
    if (ENDED.contains(statuses.get(id))) {
      return;
    }
    statuses.put(id, status);
    messages.put(id, fix == null || fix.isEmpty() ? message : message + " " + fix);
    folder.log(id, status + ": " + message);
    emit(new NodeFailed(runId(), id, status, message, fix));
    String name = steps.get(id).displayName();
    ArrayDeque<String> todo = new ArrayDeque<>(downstream.get(id));
    while (!todo.isEmpty()) {
      String d = todo.poll();
      if (statuses.get(d) == NodeStatus.QUEUED) {
        statuses.put(d, NodeStatus.SKIPPED);
        String msg = "Skipped because '" + name + "' (" + id + ") did not finish.";
        messages.put(d, msg);
        emit(new NodeFailed(runId(), d, NodeStatus.SKIPPED, msg, "Fix '" + id + "' first."));
        todo.addAll(downstream.get(d));
      }
    }
  }

  @Override
  public void cancel() {
    cancelled.set(true);
    synchronized (this) {
      for (String id : steps.keySet()) {
        if (statuses.get(id) == NodeStatus.QUEUED) {
          end(id, NodeStatus.CANCELLED, "Cancelled before it started.", "");
        }
      }
      finishIfDone();
    }
  }

  @Override
  public void cancel(String nodeId) {
    AtomicBoolean flag = nodeCancelled.get(nodeId);
    if (flag == null) {
      return;
    }
    flag.set(true);
    synchronized (this) {
      if (statuses.get(nodeId) == NodeStatus.QUEUED) {
        end(nodeId, NodeStatus.CANCELLED, "Cancelled before it started.", "");
      }
      finishIfDone();
    }
  }

  private void finishIfDone() {
    if (!finished && statuses.values().stream().allMatch(ENDED::contains)) {
      finish();
    }
  }

  /** Writes run.json, emits RunFinished and completes the result. Caller holds the lock. */
  private void finish() {
    finished = true;
    long ms = System.currentTimeMillis() - started;
    boolean ok =
        messages.isEmpty()
            && statuses.values().stream()
                .allMatch(s -> s == NodeStatus.DONE || s == NodeStatus.CACHED);
    folder.writeRunJson(RunJson.of(this, setup, deviceText, ok, ms, energy.finish()));
    folder.log("run", (ok ? "Finished" : "Ended with problems") + " after " + ms + " ms.");
    RunResult r =
        new RunResult(runId(), ok, statuses, outputs, messages, folder.dir(), ms, deviceText);
    emit(new RunFinished(runId(), ok, ms, folder.dir()));
    folder.close();
    result.complete(r);
  }

  private void writeReports(String id, Map<String, Object> outs) {
    long reports =
        outs.values().stream().filter(v -> v instanceof dev.blocksmith.engine.value.Report).count();
    outs.forEach(
        (port, v) -> {
          if (v instanceof dev.blocksmith.engine.value.Report r) {
            folder.writeReport(id, port, reports == 1, r);
          }
        });
  }

  private void emit(RunEvent e) {
    try {
      listener.onEvent(e);
    } catch (RuntimeException ex) {
      folder.log("run", "A run listener failed on " + e.getClass().getSimpleName() + ": " + ex);
    }
  }

  Map<String, NodeStatus> statuses() {
    return statuses;
  }

  Map<String, Map<String, Object>> outputs() {
    return outputs;
  }

  Map<String, String> messages() {
    return messages;
  }

  Map<String, Long> millis() {
    return millis;
  }

  Plan plan() {
    return plan;
  }
}
