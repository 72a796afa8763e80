package dev.blocksmith.engine.session;

import dev.blocksmith.engine.exec.Estimator;
import dev.blocksmith.engine.exec.Executor;
import dev.blocksmith.engine.exec.OutputCache;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunHandle;
import dev.blocksmith.engine.exec.RunListener;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.exec.RunSetup;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.plan.Plan;
import dev.blocksmith.engine.plan.PlanException;
import dev.blocksmith.engine.plan.Planner;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.store.DiskCache;
import dev.blocksmith.engine.validate.PathChecks;
import dev.blocksmith.engine.validate.PathPolicy;
import dev.blocksmith.engine.validate.PathUse;
import dev.blocksmith.engine.validate.Problem;
import dev.blocksmith.engine.validate.ResolvedGraph;
import dev.blocksmith.engine.validate.Validator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The engine as the editor and the CLI see it: validate a graph, start runs, keep outputs cached
 * between runs. One session per open window; thread-safe.
 */
public final class EngineSession implements AutoCloseable {
  private final NodeRegistry registry;
  private final Path runsRoot;
  private final OutputCache cache;
  private final Executor executor = new Executor(Executor.defaultThreads());
  private final Map<String, List<Problem>> rejected = new LinkedHashMap<>();
  private volatile List<Problem> lastProblems = List.of();

  /**
   * Creates a session over the given blocks, writing run folders under {@code runsRoot}, with a
   * cache in memory only.
   */
  public EngineSession(NodeRegistry registry, Path runsRoot) {
    this(registry, runsRoot, new OutputCache());
  }

  /** Creates a session over the given blocks with the given cache (see {@link #defaultCache}). */
  public EngineSession(NodeRegistry registry, Path runsRoot, OutputCache cache) {
    dev.blocksmith.engine.djl.Devices.applyThreadDefaults();
    this.registry = registry;
    this.runsRoot = runsRoot;
    this.cache = cache;
  }

  /**
   * Returns a session over the installed blocks (built-ins and plugins), writing runs under {@code
   * -Dblocksmith.runs} or the runs folder of {@link dev.blocksmith.engine.home.AppDirs}.
   */
  public static EngineSession createDefault() {
    return new EngineSession(NodeRegistry.loadInstalled(), defaultRunsRoot(), defaultCache(true));
  }

  /**
   * Returns the user's cache: in memory up to {@code -Dblocksmith.memoryCacheBytes} (default: a
   * quarter of the heap, at most 1 GB) and on disk in the cache folder of {@link
   * dev.blocksmith.engine.home.AppDirs} up to {@code -Dblocksmith.cacheBytes} or {@code
   * BLOCKSMITH_CACHE_BYTES} (default 2 GB; 0 turns the disk cache off).
   *
   * @param reuse false to store fresh outputs without reusing those on disk
   * @throws IllegalArgumentException when a size setting is not a size
   */
  public static OutputCache defaultCache(boolean reuse) {
    return new OutputCache(memoryCacheBytes(), diskCache().orElse(null), reuse);
  }

  /** Returns the user's disk cache, or empty when it is turned off. */
  public static Optional<DiskCache> diskCache() {
    String v = System.getProperty("blocksmith.cacheBytes", System.getenv("BLOCKSMITH_CACHE_BYTES"));
    long bytes = v == null || v.isBlank() ? DiskCache.DEFAULT_MAX_BYTES : DiskCache.parseSize(v);
    return bytes == 0
        ? Optional.empty()
        : Optional.of(new DiskCache(dev.blocksmith.engine.home.AppDirs.current().cache(), bytes));
  }

  private static long memoryCacheBytes() {
    String v = System.getProperty("blocksmith.memoryCacheBytes");
    return v == null || v.isBlank() ? OutputCache.DEFAULT_MEMORY_BYTES : DiskCache.parseSize(v);
  }

  /** Returns the session's cache. */
  public OutputCache cache() {
    return cache;
  }

  /** Returns the default folder for run folders ({@link dev.blocksmith.engine.home.AppDirs}). */
  public static Path defaultRunsRoot() {
    return dev.blocksmith.engine.home.AppDirs.current().runs();
  }

  /** Returns the installed blocks. */
  public NodeRegistry registry() {
    return registry;
  }

  /** Returns the folder that holds run folders. */
  public Path runsRoot() {
    return runsRoot;
  }

  /** Returns every problem of the graph (warnings included); empty when it can run. */
  public List<Problem> validate(Graph graph, Path baseDir) {
    return Validator.validate(graph, registry, baseDir);
  }

  /** Returns every problem of the graph, its paths checked under {@code policy}. */
  public List<Problem> validate(Graph graph, Path baseDir, PathPolicy policy) {
    return Validator.validate(graph, registry, baseDir, policy);
  }

  /**
   * Returns every file and folder the graph would read or write, and where each lies with respect
   * to its folder and the policy (what {@code run MODEL} and the editor show before a run).
   */
  public List<PathUse> pathUses(Graph graph, Path baseDir, PathPolicy policy) {
    return PathChecks.uses(Validator.resolve(graph, registry, baseDir, policy), policy);
  }

  /**
   * Validates the graph and, when nothing blocks it, starts a run. When problems block it, no node
   * runs: the result completes at once, unsuccessful, with one message per problem, the listener
   * gets a single {@link RunEvent.RunFinished}, and {@link #problems(String)} or {@link
   * #lastProblems()} give the problems themselves.
   *
   * @param graph the graph
   * @param baseDir the graph's folder, for relative paths (may be null)
   * @param options targets, device, seed
   * @param listener receives events from engine threads
   */
  public RunHandle start(Graph graph, Path baseDir, RunOptions options, RunListener listener) {
    return start(graph, baseDir, options, listener, PathPolicy.standard());
  }

  /**
   * Like {@link #start(Graph, Path, RunOptions, RunListener)}, with the graph's paths checked under
   * {@code policy} (the folders the user allowed and what they agreed to).
   */
  public RunHandle start(
      Graph graph, Path baseDir, RunOptions options, RunListener listener, PathPolicy policy) {
    ResolvedGraph resolved = Validator.resolve(graph, registry, baseDir, policy);
    List<Problem> all = resolved.problems();
    Set<String> scope = options.targets().isEmpty() ? null : resolved.ancestors(options.targets());
    List<Problem> blocking =
        all.stream()
            .filter(p -> !p.isWarning())
            .filter(p -> scope == null || p.nodeId() == null || scope.contains(p.nodeId()))
            .toList();
    lastProblems = all;
    if (blocking.isEmpty()) {
      try {
        Plan plan = Planner.plan(resolved, options.targets(), options.effectiveSeed());
        return executor.start(
            plan, RunSetup.of(graph, runsRoot, baseDir, options), cache, listener);
      } catch (PlanException e) {
        blocking = List.of(new Problem("not-runnable", null, null, null, e.getMessage(), ""));
      }
    }
    return Rejected.of(blocking, listener, this::remember);
  }

  /**
   * Estimates the parameters, memory and time of every training block without training: the blocks
   * they read from run (from the cache when they can; their run folder is temporary), then each
   * training block times a few batches on the real data.
   *
   * @param graph the graph
   * @param baseDir the graph's folder (may be null)
   * @param options device and seed (targets are ignored)
   * @param listener receives the events of the blocks that run before training
   * @throws IllegalArgumentException naming the problems when the graph cannot run
   */
  public Estimator.Result estimate(
      Graph graph, Path baseDir, RunOptions options, RunListener listener)
      throws InterruptedException {
    ResolvedGraph resolved = Validator.resolve(graph, registry, baseDir);
    List<Problem> blocking = resolved.problems().stream().filter(p -> !p.isWarning()).toList();
    lastProblems = resolved.problems();
    if (!blocking.isEmpty()) {
      throw new IllegalArgumentException(
          String.join("\n", blocking.stream().map(Problem::describe).toList()));
    }
    try {
      long seed = options.effectiveSeed();
      Plan plan = Planner.plan(resolved, Set.of(), seed);
      return Estimator.run(
          plan,
          targets -> {
            try {
              return Planner.plan(resolved, targets, seed);
            } catch (PlanException e) {
              throw new IllegalArgumentException(e.getMessage(), e);
            }
          },
          executor,
          RunSetup.of(graph, runsRoot, baseDir, options),
          cache,
          listener);
    } catch (PlanException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private synchronized void remember(String runId, List<Problem> problems) {
    rejected.put(runId, problems);
    if (rejected.size() > 20) {
      rejected.remove(rejected.keySet().iterator().next());
    }
  }

  /**
   * Returns whether validation refused the run with this id (it never started). Its listener still
   * gets one RunFinished, already by the time {@link #start} returns.
   */
  public synchronized boolean wasRejected(String runId) {
    return rejected.containsKey(runId);
  }

  /** Returns the problems that stopped a run from starting, by its run id (empty when none). */
  public synchronized List<Problem> problems(String runId) {
    return rejected.getOrDefault(runId, List.of());
  }

  /** Returns the problems found by the latest {@link #start} (warnings included). */
  public List<Problem> lastProblems() {
    return lastProblems;
  }

  /**
   * Returns the cached outputs of a node as the graph stands now (for previews), or empty when the
   * node, or anything it depends on, changed since it last ran, or the graph cannot be planned.
   */
  public Optional<Map<String, Object>> cachedOutputs(
      Graph graph, Path baseDir, RunOptions options, String nodeId) {
    try {
      Plan plan = Planner.plan(graph, registry, baseDir, Set.of(nodeId), options.effectiveSeed());
      return plan.step(nodeId).flatMap(s -> cache.get(s.signature()));
    } catch (PlanException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads into memory the disk-cached outputs of every node of {@code graph} as it stands, so that
   * a run started afterwards serves them from memory instead of reading the disk (the editor calls
   * it through the worker when a pipeline is opened; a process that outlives its command does the
   * same). Returns how many nodes were loaded; never throws (a graph that cannot be planned loads
   * nothing).
   */
  public int prefetch(Graph graph, Path baseDir, RunOptions options) {
    try {
      Plan plan = Planner.plan(graph, registry, baseDir, Set.of(), options.effectiveSeed());
      int loaded = 0;
      for (var step : plan.steps()) {
        if (cache.memoryGet(step.signature()).isEmpty()
            && cache.contains(step.signature())
            && cache.get(step.signature()).isPresent()) {
          loaded++;
        }
      }
      return loaded;
    } catch (PlanException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * Forgets all cached outputs, in memory and on disk, so that the next run executes every node.
   * Returns the bytes freed on disk.
   *
   * @throws java.io.UncheckedIOException when the disk cache could not be cleared
   */
  public long clearCache() {
    cache.clear();
    try {
      return cache.disk().isPresent() ? cache.disk().get().clear() : 0;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "The cache folder " + cache.disk().get().folder() + " could not be cleared", e);
    }
  }

  /** Stops the worker threads; runs in progress are cancelled. */
  @Override
  public void close() {
    executor.close();
  }

  /** A run that never started because of problems. */
  private record Rejected(String runId, CompletableFuture<RunResult> result) implements RunHandle {
    static Rejected of(
        List<Problem> problems,
        RunListener listener,
        java.util.function.BiConsumer<String, List<Problem>> remember) {
      String id = "rejected-" + java.util.UUID.randomUUID().toString().substring(0, 8);
      remember.accept(id, problems);
      Map<String, String> messages = new LinkedHashMap<>();
      for (Problem p : problems) {
        String key = p.nodeId() == null ? "graph" : p.nodeId();
        messages.merge(key, p.describe(), (a, b) -> a + "\n" + b);
      }
      RunResult r = new RunResult(id, false, Map.of(), Map.of(), messages, null, 0, "");
      listener.onEvent(new RunEvent.RunFinished(id, false, 0, null));
      return new Rejected(id, CompletableFuture.completedFuture(r));
    }

    @Override
    public void cancel() {}

    @Override
    public void cancel(String nodeId) {}
  }
}
