package dev.blocksmith.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package of any module depends on itself through others: a small scanner over the main sources
 * of every module (imports, static imports and fully qualified names).
 */
class PackageCyclesTest {
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern REF =
      Pattern.compile("\\b((?:dev\\.blocksmith|com\\.example)(?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");

  /** Returns package → the other project packages its sources name. */
  static Map<String, Set<String>> dependencies(Path root) {
    Map<String, Set<String>> deps = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .filter(p -> !p.toString().contains("/target/"))
              .toList()) {
        String text = Files.readString(f);
        Matcher pm = PACKAGE.matcher(text);
        if (!pm.find()) {
          continue;
        }
        String pkg = pm.group(1);
        Set<String> out = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REF.matcher(text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", ""));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            out.add(m.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deps;
  }

  /** Returns every cycle as "a → b → a", one per package that reaches itself. */
  static List<String> cycles(Map<String, Set<String>> deps) {
    List<String> out = new ArrayList<>();
    for (String start : deps.keySet()) {
      Map<String, String> parent = new TreeMap<>();
      ArrayDeque<String> todo = new ArrayDeque<>(deps.get(start));
      deps.get(start).forEach(d -> parent.put(d, start));
      while (!todo.isEmpty()) {
        String p = todo.poll();
        if (p.equals(start)) {
          List<String> path = new ArrayList<>();
          String at = parent.get(start);
          path.add(start);
          while (!at.equals(start)) {
            path.add(0, at);
            at = parent.get(at);
          }
          path.add(0, start);
          out.add(String.join(" → ", path));
          break;
        }
        for (String d : deps.getOrDefault(p, Set.of())) {
          if (!parent.containsKey(d)) {
            parent.put(d, p);
            todo.add(d);
          }
        }
      }
    }
    return out;
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    Map<String, Set<String>> deps = dependencies(Path.of(".."));
    assertThat(deps.keySet())
        .contains(
            "dev.blocksmith.engine.spi",
            "dev.blocksmith.nodes.data",
            "dev.blocksmith.editor.run",
            "com.example.blocksmith");
    assertThat(cycles(deps)).isEmpty();
  }

  @Test
  void theScannerFindsACycle() {
    Map<String, Set<String>> deps =
        new TreeMap<>(
            Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));
    assertThat(cycles(deps)).contains("a → b → c → a").hasSize(3);
  }
}
