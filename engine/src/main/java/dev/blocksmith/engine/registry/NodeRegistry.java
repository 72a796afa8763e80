package dev.blocksmith.engine.registry;

import dev.blocksmith.engine.spi.NodePack;
import dev.blocksmith.engine.spi.NodeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The installed blocks by type id. Built-in blocks are registered as {@link NodeType} services,
 * plugins as {@link NodePack} services. A pack that fails to load, or that tries to reuse an id, is
 * recorded as a load problem instead of stopping the app.
 */
public final class NodeRegistry {
  private final Map<String, NodeType> types;
  private final List<String> loadProblems;

  private NodeRegistry(Map<String, NodeType> types, List<String> loadProblems) {
    this.types = Collections.unmodifiableMap(types);
    this.loadProblems = List.copyOf(loadProblems);
  }

  /** Returns a registry of the given blocks only (for tests and embedding). */
  public static NodeRegistry of(Collection<? extends NodeType> types) {
    Builder b = new Builder();
    types.forEach(t -> b.add(t, "built-in"));
    return b.build();
  }

  /** Returns the blocks found on the class path of the given loader. */
  public static NodeRegistry load(ClassLoader loader) {
    Builder b = new Builder();
    try {
      for (NodeType t : ServiceLoader.load(NodeType.class, loader)) {
        b.add(t, "built-in");
      }
    } catch (ServiceConfigurationError e) {
      b.problems.add("A built-in block could not be loaded: " + e.getMessage());
    }
    var packs = ServiceLoader.load(NodePack.class, loader).iterator();
    while (true) {
      NodePack pack;
      try {
        if (!packs.hasNext()) {
          break;
        }
        pack = packs.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        b.problems.add("A block pack could not be loaded and was skipped: " + e.getMessage());
        continue;
      }
      b.addPack(pack);
    }
    return b.build();
  }

  /**
   * Returns the built-in blocks plus the plugin packs in {@link #pluginsFolder()}. A folder that
   * cannot be read is reported as a load problem.
   */
  public static NodeRegistry loadInstalled() {
    try {
      return PluginJars.loadRegistry(pluginsFolder());
    } catch (java.io.IOException e) {
      NodeRegistry builtIn = loadDefault();
      List<String> problems = new ArrayList<>(builtIn.loadProblems());
      problems.add("The plugins folder " + pluginsFolder() + " could not be read: " + e);
      return new NodeRegistry(new LinkedHashMap<>(builtIn.types), problems);
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
    return new NodeRegistry(new LinkedHashMap<>(types), all);
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

  private static final class Builder {
    private final Map<String, NodeType> types = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    void add(NodeType t, String origin) {
      String id = t.spec().id();
      if (types.containsKey(id)) {
        problems.add(
            "Two blocks use the id '" + id + "'; the one from " + origin + " was ignored.");
        return;
      }
      types.put(id, t);
    }

    void addPack(NodePack pack) {
      String ns = pack.namespace();
      List<NodeType> list;
      try {
        list = pack.types();
      } catch (RuntimeException | LinkageError e) {
        problems.add("The block pack '" + pack.displayName() + "' failed to load: " + e);
        return;
      }
      for (NodeType t : list) {
        String id = t.spec().id();
        if (!id.startsWith(ns + ".")) {
          problems.add(
              "The block '"
                  + id
                  + "' of pack '"
                  + pack.displayName()
                  + "' does not start with the pack's namespace '"
                  + ns
                  + ".' and was ignored.");
        } else {
          add(t, "pack '" + pack.displayName() + "'");
        }
      }
    }

    NodeRegistry build() {
      return new NodeRegistry(types, problems);
    }
  }
}
