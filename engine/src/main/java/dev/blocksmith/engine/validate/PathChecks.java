package dev.blocksmith.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.home.OutputLedger;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@link PathPolicy} to every file and folder param of a resolved graph, for reading and
 * for the files blocks declare they write: paths are resolved (relative ones against the graph's
 * folder), {@code ..} removed and links followed before they are compared, so neither {@code
 * ../../x}, an absolute path nor a link out of the folder gets through. Outputs are also checked
 * against the run's inputs and against existing files Blocksmith did not write.
 */
public final class PathChecks {
  /** Most links followed for one path before it counts as going round in a circle. */
  private static final int MAX_LINKS = 40;

  private PathChecks() {}

  /** Returns every file and folder the graph's installed blocks read or write, in node order. */
  public static List<PathUse> uses(ResolvedGraph graph, PathPolicy policy) {
    Path base = graph.baseDir() == null ? null : real(graph.baseDir().toAbsolutePath().normalize());
    List<PathUse> out = new ArrayList<>();
    for (Node n : graph.graph().nodes()) {
      ResolvedGraph.ResolvedNode rn = graph.resolved(n.id()).orElse(null);
      if (rn == null) {
        continue;
      }
      NodeSpec spec = rn.type().spec();
      String name = n.label() != null && !n.label().isBlank() ? n.label() : spec.displayName();
      for (ParamSpec p : spec.params()) {
        JsonNode v = rn.params().values().get(p.name());
        boolean pathType = p.type() == ParamType.FILE || p.type() == ParamType.FOLDER;
        if (!pathType || v == null || !v.isTextual() || v.asText().isBlank()) {
          continue;
        }
        Path path;
        try {
          path =
              rn.params()
                  .path(Param.wrap(p, String.class), graph.baseDir())
                  .toAbsolutePath()
                  .normalize();
        } catch (InvalidPathException e) {
          continue; // not a path at all: the block's own check reports it
        }
        Path real = real(path);
        PathUse.Where where =
            base == null || real.startsWith(base)
                ? PathUse.Where.INSIDE
                : policy.inAllowedFolder(real) || policy.agreed(real)
                    ? PathUse.Where.ALLOWED
                    : PathUse.Where.OUTSIDE;
        out.add(
            new PathUse(
                n.id(),
                name,
                p.name(),
                p.label(),
                path,
                real,
                spec.writes().contains(p.name()),
                where));
      }
    }
    return out;
  }

  /**
   * Returns the problems of the graph's paths under the policy: a path outside the graph's folder
   * and the allowed ones ({@code path-outside}); an output that is also an input of the run or of
   * another block's output ({@code output-over-input}, never lifted); an output over an existing
   * file Blocksmith did not write ({@code output-replaces}, lifted by the user's agreement).
   */
  public static List<Problem> problems(ResolvedGraph graph, PathPolicy policy) {
    List<PathUse> uses = uses(graph, policy);
    List<Problem> out = new ArrayList<>();
    Path base = graph.baseDir() == null ? null : graph.baseDir().toAbsolutePath().normalize();
    Map<Path, PathUse> reads = new HashMap<>();
    Map<Path, PathUse> writes = new HashMap<>();
    for (PathUse u : uses) {
      (u.writes() ? writes : reads).putIfAbsent(u.real(), u);
    }
    for (PathUse u : uses) {
      if (u.where() == PathUse.Where.OUTSIDE) {
        out.add(outside(u, base));
      }
      if (!u.writes()) {
        continue;
      }
      PathUse input = reads.get(u.real());
      PathUse other = writes.get(u.real());
      if (input != null || other != u) {
        PathUse clash = input != null ? input : other;
        out.add(
            new Problem(
                "output-over-input",
                u.nodeId(),
                null,
                u.param(),
                "'"
                    + u.blockName()
                    + "' would write "
                    + u.shown()
                    + ", which '"
                    + clash.blockName()
                    + "' "
                    + (input != null ? "reads in the same run" : "writes too")
                    + "; the "
                    + (input != null ? "input" : "first file")
                    + " would be replaced.",
                "Choose another file for \"" + u.label() + "\"."));
      } else if (replacesForeignFile(u) && !policy.agreed(u.real())) {
        out.add(
            new Problem(
                "output-replaces",
                u.nodeId(),
                null,
                u.param(),
                "'"
                    + u.blockName()
                    + "' would replace "
                    + u.shown()
                    + " (setting \""
                    + u.label()
                    + "\"), a file that Blocksmith did not write.",
                "Choose another file, or, if it may be replaced, run with --yes"
                    + " (in the editor: answer Allow)."));
      }
    }
    return out;
  }

  private static Problem outside(PathUse u, Path base) {
    Path folder = Files.isDirectory(u.real()) ? u.real() : u.real().getParent();
    return new Problem(
        "path-outside",
        u.nodeId(),
        null,
        u.param(),
        "'"
            + u.blockName()
            + "' "
            + u.verb()
            + " "
            + u.shown()
            + " (setting \""
            + u.label()
            + "\"), which is outside the pipeline's folder "
            + base
            + ". A pipeline from someone else must not "
            + (u.writes() ? "write" : "read")
            + " files elsewhere without your say-so.",
        "If you trust this pipeline, allow the folder: run again with --allow "
            + folder
            + " (or --yes), or answer Allow in the editor. Otherwise choose a path inside "
            + base
            + ".");
  }

  /** Returns whether writing the use's file would replace one Blocksmith did not write. */
  private static boolean replacesForeignFile(PathUse u) {
    if (!Files.exists(u.real(), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    return !Files.isRegularFile(u.real())
        || !(OutputLedger.current().wrote(u.real()) || BlocksmithFiles.madeByBlocksmith(u.real()));
  }

  /** Returns where an absolute path finally leads (see {@link PathUse#real()}). */
  public static Path realPath(Path path) {
    return real(path.toAbsolutePath().normalize());
  }

  /**
   * Returns where a path finally leads: the real path of its nearest existing ancestor (links
   * followed, also dangling ones) plus the rest, so a file that does not exist yet is placed where
   * it would be written.
   */
  static Path real(Path absolute) {
    Path p = absolute.toAbsolutePath().normalize();
    for (int links = 0; links <= MAX_LINKS; links++) {
      Path existing = p;
      while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      if (existing == null) {
        return p;
      }
      Path rest = existing.relativize(p);
      try {
        if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
          // A link that points nowhere (yet): writing through it would create its target.
          Path target = existing.resolveSibling(Files.readSymbolicLink(existing));
          p = target.resolve(rest).toAbsolutePath().normalize();
          continue;
        }
        return existing.toRealPath().resolve(rest).normalize();
      } catch (IOException | RuntimeException e) {
        return p;
      }
    }
    return p;
  }
}
