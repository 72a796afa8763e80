package dev.blocksmith.engine.registry;

import dev.blocksmith.engine.spi.NodePack;
import dev.blocksmith.engine.spi.NodeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The installed blocks by type id. Built-in blocks are registered as {@link NodeType} services,
 * plugins as {@link NodePack} services. A pack that fails to load, or that tries to reuse an id, is
 * recorded as a load problem instead of stopping the app.
 */
public final class NodeRegistry {
  private final Map<String, NodeType> types;
  private final List<String> loadProblems;
  private final List<PackInfo> packs;

  private NodeRegistry(
      Map<String, NodeType> types, List<String> loadProblems, List<PackInfo> packs) {
    this.types = Collections.unmodifiableMap(types);
    this.loadProblems = List.copyOf(loadProblems);
    this.packs = List.copyOf(packs);
  }

  /** Returns a registry of the given blocks only (for tests and embedding). */
  public static NodeRegistry of(Collection<? extends NodeType> types) {
    Builder b = new Builder();
    types.forEach(t -> b.add(t, "built-in"));
    return b.build();
  }

  /** Returns the blocks found on the class path of the given loader, all counted as built-in. */
  public static NodeRegistry load(ClassLoader loader) {
    Builder b = new Builder();
    b.addBuiltIns(loader);
    b.addPacks(loader);
    return b.build();
  }

  /**
   * Returns the built-in blocks of {@code builtIns} plus the packs that {@code plugins} sees. Block
   * services ({@link NodeType}) that {@code plugins} defines itself are refused: a plugin adds
   * blocks only through a {@link NodePack}, so each id is checked against the pack's namespace.
   */
  public static NodeRegistry load(Collection<? extends NodeType> builtIns, ClassLoader plugins) {
    Builder b = new Builder();
    builtIns.forEach(t -> b.add(t, "built-in"));
    b.refuseDirectBlocks(plugins);
    b.addPacks(plugins);
    return b.build();
  }

  /** Returns the built-in blocks on the class path of {@code loader}, without any pack. */
  static List<NodeType> builtIns(ClassLoader loader, List<String> problems) {
    Builder b = new Builder();
    b.addBuiltIns(loader);
    problems.addAll(b.problems);
    return List.copyOf(b.types.values());
  }

  /**
   * Returns the built-in blocks plus the plugin packs in {@link #pluginsFolder()}. A folder that
   * cannot be read is reported as a load problem.
   */
  public static NodeRegistry loadInstalled() {
    try {
      return PluginJars.loadRegistry(pluginsFolder());
    } catch (java.io.IOException | RuntimeException | LinkageError e) {
      NodeRegistry builtIn = loadDefault();
      List<String> problems = new ArrayList<>(builtIn.loadProblems());
      problems.add(
          "The plugins in "
              + pluginsFolder()
              + " could not be loaded, so none was ("
              + e
              + "); the built-in blocks work as usual.");
      return new NodeRegistry(new LinkedHashMap<>(builtIn.types), problems, List.of());
    }
  }

  /**
   * Returns the user's plugins folder: {@code -Dblocksmith.plugins}, else the plugins folder of
   * {@link dev.blocksmith.engine.home.AppDirs} ({@code BLOCKSMITH_HOME}, XDG, {@code $HOME}).
   */
  public static java.nio.file.Path pluginsFolder() {
    return dev.blocksmith.engine.home.AppDirs.current().plugins();
  }

  /** Returns the blocks on this class's class path. */
  public static NodeRegistry loadDefault() {
    return load(NodeRegistry.class.getClassLoader());
  }

  /** Returns the same blocks with more load problems recorded. */
  public NodeRegistry withProblems(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(loadProblems);
    all.addAll(more);
    return new NodeRegistry(new LinkedHashMap<>(types), all, packs);
  }

  /** Returns the block with this type id, if installed. */
  public Optional<NodeType> find(String typeId) {
    return Optional.ofNullable(types.get(typeId));
  }

  /** Returns all installed blocks in registration order. */
  public Collection<NodeType> all() {
    return types.values();
  }

  /** Returns problems met while loading blocks, in plain words. */
  public List<String> loadProblems() {
    return loadProblems;
  }

  /**
   * One block pack as loaded: what it added and what went wrong, for {@code blocksmith plugins} and
   * the editor's plugin list.
   *
   * @param name the pack's display name (or its class name when it would not say)
   * @param namespace the namespace it claimed ("" when it would not say)
   * @param source where its classes came from (a jar's file name, or "class path")
   * @param blocks the ids of the blocks it added
   * @param problems what went wrong while loading it or describing its blocks, in plain words
   */
  public record PackInfo(
      String name, String namespace, String source, List<String> blocks, List<String> problems) {
    /** Copies the lists. */
    public PackInfo {
      blocks = List.copyOf(blocks);
      problems = List.copyOf(problems);
    }

    /** Returns whether the pack loaded without any problem. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Returns the packs that were found, loaded or not, in load order. */
  public List<PackInfo> packs() {
    return packs;
  }

  private static final class Builder {
    private final Map<String, NodeType> types = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<PackInfo> packs = new ArrayList<>();
    private final Map<String, String> namespaces = new HashMap<>();

    void addBuiltIns(ClassLoader loader) {
      var it = ServiceLoader.load(NodeType.class, loader).iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          add(it.next(), "built-in");
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
          problems.add("A built-in block could not be loaded: " + e.getMessage());
        }
      }
    }

    void add(NodeType t, String origin) {
      String id;
      try {
        id = t.spec().id();
      } catch (RuntimeException | LinkageError e) {
        problems.add("A " + origin + " block could not describe itself and was skipped: " + e);
        return;
      }
      if (types.containsKey(id)) {
        problems.add(
            "Two blocks use the id '" + id + "'; the one from " + origin + " was ignored.");
        return;
      }
      types.put(id, t);
    }

    /** Reports, without instantiating them, block services defined by the plugin loader. */
    void refuseDirectBlocks(ClassLoader plugins) {
      var it = ServiceLoader.load(NodeType.class, plugins).stream().iterator();
      while (true) {
        ServiceLoader.Provider<NodeType> p;
        try {
          if (!it.hasNext()) {
            break;
          }
          p = it.next();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
          problems.add("A plugin's block could not be loaded and was skipped: " + e.getMessage());
          continue;
        }
        if (p.type().getClassLoader() instanceof PluginClassLoader) {
          problems.add(
              "The plugin block "
                  + p.type().getName()
                  + " ("
                  + PluginClassLoader.sourceOf(p.type())
                  + ") registers itself as a built-in block and was ignored: a plugin adds blocks"
                  + " only through a NodePack, whose namespace its ids must start with.");
        }
      }
    }

    void addPacks(ClassLoader loader) {
      var it = ServiceLoader.load(NodePack.class, loader).iterator();
      while (true) {
        NodePack pack;
        try {
          if (!it.hasNext()) {
            break;
          }
          pack = it.next();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
          String msg = "A block pack could not be loaded and was skipped: " + e.getMessage();
          problems.add(msg);
          packs.add(new PackInfo("(unknown)", "", "", List.of(), List.of(msg)));
          continue;
        }
        addPack(pack);
      }
    }

    void addPack(NodePack pack) {
      String source = PluginClassLoader.sourceOf(pack.getClass());
      String name;
      String ns;
      List<NodeType> list;
      List<String> mine = new ArrayList<>();
      List<String> added = new ArrayList<>();
      try {
        name = pack.displayName();
        name = name == null || name.isBlank() ? pack.getClass().getName() : name;
      } catch (RuntimeException | LinkageError e) {
        name = pack.getClass().getName();
      }
      String label = "pack " + SpecCheck.quote(name) + " (" + source + ")";
      try {
        ns = pack.namespace();
        list = pack.types();
      } catch (RuntimeException | LinkageError e) {
        skipPack(name, "", source, label + " failed to load and was skipped: " + e);
        return;
      }
      String nsProblem = namespaceProblem(ns);
      if (nsProblem != null) {
        skipPack(name, ns == null ? "" : ns, source, label + " was skipped: " + nsProblem + ".");
        return;
      }
      if (list == null) {
        skipPack(name, ns, source, label + " was skipped: it listed no blocks (null).");
        return;
      }
      namespaces.put(ns, name);
      for (NodeType t : list) {
        String problem = null;
        NodeType block = null;
        if (t == null) {
          problem = "one of its blocks is missing (null)";
        } else {
          dev.blocksmith.engine.spi.NodeSpec spec;
          try {
            spec = t.spec();
            problem = SpecCheck.problem(spec);
          } catch (RuntimeException | LinkageError e) {
            spec = null;
            problem =
                "the block " + t.getClass().getName() + " failed to describe itself (" + e + ")";
          }
          if (problem == null && !spec.id().startsWith(ns + ".")) {
            problem =
                "the block '"
                    + spec.id()
                    + "' does not start with the pack's namespace '"
                    + ns
                    + ".'";
          } else if (problem == null && types.containsKey(spec.id())) {
            problem = "the block id '" + spec.id() + "' is already taken";
          } else if (problem != null && spec != null) {
            problem = "the block " + t.getClass().getName() + " is not usable: " + problem;
          }
          if (problem == null) {
            block = new PackBlock(t, spec, label);
          }
        }
        if (problem != null) {
          String msg = "The " + label + ": " + problem + "; that block was ignored.";
          mine.add(msg);
          problems.add(msg);
        } else {
          types.put(block.spec().id(), block);
          added.add(block.spec().id());
        }
      }
      packs.add(new PackInfo(name, ns, source, added, mine));
    }

    private void skipPack(String name, String ns, String source, String msg) {
      problems.add("The " + msg);
      packs.add(new PackInfo(name, ns, source, List.of(), List.of("The " + msg)));
    }

    /** Returns why a pack may not use this namespace, or null. */
    private String namespaceProblem(String ns) {
      if (ns == null || ns.length() > 40 || !NAMESPACE.matcher(ns).matches()) {
        return "its namespace " + SpecCheck.quote(ns) + " is not a lowercase word";
      }
      if (RESERVED.contains(ns) || builtInNamespaces().contains(ns)) {
        return "its namespace '" + ns + "' belongs to Blocksmith's own blocks";
      }
      if (namespaces.containsKey(ns)) {
        return "its namespace '"
            + ns
            + "' is already used by pack "
            + SpecCheck.quote(namespaces.get(ns));
      }
      return null;
    }

    private Set<String> builtInNamespaces() {
      Set<String> out = new HashSet<>();
      types.forEach(
          (id, t) -> {
            if (!(t instanceof PackBlock)) {
              out.add(id.substring(0, Math.max(0, id.indexOf('.'))));
            }
          });
      return out;
    }

    NodeRegistry build() {
      return new NodeRegistry(types, problems, packs);
    }
  }

  private static final java.util.regex.Pattern NAMESPACE =
      java.util.regex.Pattern.compile("[a-z][a-z0-9-]*");

  /** Namespaces no pack may claim: Blocksmith's categories and its own name. */
  private static final Set<String> RESERVED =
      Set.of(
          "blocksmith",
          "builtin",
          "core",
          "data",
          "prepare",
          "model",
          "train",
          "evaluate",
          "output");
}
