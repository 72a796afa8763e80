package dev.blocksmith.engine.testing;

import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that a block follows the typed contract: one constant spec, and every port and param
 * declared as a {@link Port} or {@link Param} constant (in the block's class or a class of its
 * package, such as a shared params holder). Used by the nodes and plugin tests.
 */
public final class BlockContract {
  /**
   * Source patterns that read inputs or params by string name, or declare them untyped. Each is a
   * regular expression and what it means.
   */
  static final List<String[]> FORBIDDEN =
      List.of(
          new String[] {"\\binputs\\.(get|optional|has)\\(\\s*\"", "reads an input by name"},
          new String[] {"\\bparams\\.(get|isSet|path)\\(\\s*\"", "reads a param by name"},
          new String[] {
            "\\bparams\\.get(String|Int|Long|Double|Boolean|IntList|Path)\\(",
            "reads a param by name"
          },
          new String[] {"\\bparams\\.values\\(\\)", "reads params as a raw map"},
          new String[] {"\\bParamSpec\\.builder\\(", "declares an untyped param"},
          new String[] {"\\bPortSpec\\.(of|optional)\\(", "declares an untyped port"},
          new String[] {"\\bParam\\.wrap\\(", "wraps an untyped param"},
          new String[] {"return\\s+Map\\.of\\(\\s*\"", "returns outputs keyed by string"});

  private BlockContract() {}

  /** Returns what is wrong with a block's declaration, or nothing. */
  public static List<String> problems(NodeType block) {
    List<String> out = new ArrayList<>();
    Class<?> c = block.getClass();
    NodeSpec spec = block.spec();
    if (spec != block.spec()) {
      out.add(c.getSimpleName() + ".spec() builds a new spec on every call; return one constant");
    }
    boolean constant = false;
    for (Field f : c.getDeclaredFields()) {
      if (f.getType() == NodeSpec.class
          && Modifier.isStatic(f.getModifiers())
          && Modifier.isFinal(f.getModifiers())) {
        constant = true;
      }
    }
    if (!constant) {
      out.add(c.getSimpleName() + " has no static final NodeSpec constant");
    }
    Set<PortSpec> ports = new HashSet<>();
    Set<ParamSpec> params = new HashSet<>();
    collect(c, ports, params);
    for (Class<?> holder : helpers(c)) {
      collect(holder, new HashSet<>(), params);
    }
    List<PortSpec> all = new ArrayList<>(spec.inputs());
    all.addAll(spec.outputs());
    for (PortSpec p : all) {
      if (!ports.contains(p)) {
        out.add(
            spec.id() + " port '" + p.name() + "' is not a Port constant of " + c.getSimpleName());
      }
    }
    for (ParamSpec p : spec.params()) {
      if (!params.contains(p)) {
        out.add(spec.id() + " param '" + p.name() + "' is not a Param constant");
      }
    }
    return out;
  }

  /** Returns each line of the Java sources under {@code root} that reads by string name. */
  public static List<String> stringAccess(Path root) {
    List<String> out = new ArrayList<>();
    List<Pattern> patterns = FORBIDDEN.stream().map(f -> Pattern.compile(f[0])).toList();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          for (int k = 0; k < patterns.size(); k++) {
            Matcher m = patterns.get(k).matcher(lines.get(i));
            if (m.find()) {
              out.add(
                  root.relativize(f)
                      + ":"
                      + (i + 1)
                      + " "
                      + FORBIDDEN.get(k)[1]
                      + ": "
                      + lines.get(i).trim());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void collect(Class<?> c, Set<PortSpec> ports, Set<ParamSpec> params) {
    for (Field f : c.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      try {
        f.setAccessible(true);
        Object v = f.get(null);
        if (v instanceof Port<?> p) {
          ports.add(p.spec());
        } else if (v instanceof Param<?> p) {
          params.add(p.spec());
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not readable: it cannot be a constant the block uses
      }
    }
  }

  /** Returns the classes named {@code <Block>Params} in the block's package (shared holders). */
  private static List<Class<?>> helpers(Class<?> c) {
    List<Class<?>> out = new ArrayList<>();
    String pkg = c.getPackageName();
    for (String name : List.of(c.getSimpleName() + "Params")) {
      try {
        out.add(Class.forName(pkg + "." + name, false, c.getClassLoader()));
      } catch (ClassNotFoundException e) {
        // no holder: the block declares its params itself
      }
    }
    return out;
  }
}
