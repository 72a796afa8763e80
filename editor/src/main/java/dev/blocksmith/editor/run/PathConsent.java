package dev.blocksmith.editor.run;

import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.home.AllowedFolders;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.validate.PathChecks;
import dev.blocksmith.engine.validate.PathPolicy;
import dev.blocksmith.engine.validate.PathUse;
import dev.blocksmith.engine.validate.Problem;
import dev.blocksmith.engine.validate.ResolvedGraph;
import dev.blocksmith.engine.validate.Validator;
import java.awt.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

/**
 * Before a run, asks the user in plain words when the pipeline would read or write outside its own
 * folder and the allowed folders, or replace a file Blocksmith did not write (the engine's {@link
 * PathChecks}, the same check as the command line's). The paths are shown as plain text, never as
 * HTML. Allow adds the outside folders to {@link AllowedFolders} and agrees to the shown files for
 * this run; Cancel runs nothing.
 */
public final class PathConsent {
  /** Puts the question to the user; returns whether they allowed it. */
  public interface Asker {
    /** Shows {@code text} under {@code title}; returns true for Allow. */
    boolean ask(Component parent, String title, String text);
  }

  /** The dialog the app shows: the list in a read-only text area, Allow / Cancel. */
  public static final Asker DIALOG =
      (parent, title, text) -> {
        JTextArea area = new JTextArea(text);
        area.setName("pathConsentText");
        area.setEditable(false);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        area.setColumns(60);
        area.setRows(Math.min(16, text.split("\n", -1).length + 1));
        area.setOpaque(false);
        Object[] options = {"Allow", "Cancel"};
        int answer =
            JOptionPane.showOptionDialog(
                parent,
                new JScrollPane(area),
                title,
                JOptionPane.YES_NO_OPTION,
                JOptionPane.WARNING_MESSAGE,
                null,
                options,
                options[1]);
        return answer == 0;
      };

  private PathConsent() {}

  /**
   * Returns the exact paths the user agreed to (empty when nothing needed asking), or empty
   * optional when they cancelled.
   */
  public static Optional<List<Path>> check(
      NodeRegistry registry, Graph graph, Path baseDir, Component parent, Asker asker) {
    PathPolicy policy = PathPolicy.standard();
    ResolvedGraph resolved = Validator.resolve(graph, registry, baseDir, policy);
    List<PathUse> uses = PathChecks.uses(resolved, policy);
    List<PathUse> outside = uses.stream().filter(u -> u.where() == PathUse.Where.OUTSIDE).toList();
    Set<String> replacing = new LinkedHashSet<>();
    for (Problem p : resolved.problems()) {
      if (p.code().equals("output-replaces")) {
        replacing.add(p.nodeId() + "\u0000" + p.param());
      }
    }
    List<PathUse> replaced =
        uses.stream().filter(u -> replacing.contains(u.nodeId() + "\u0000" + u.param())).toList();
    if (outside.isEmpty() && replaced.isEmpty()) {
      return Optional.of(List.of());
    }
    if (!asker.ask(
        parent, "Allow this pipeline to use these files?", text(baseDir, outside, replaced))) {
      return Optional.empty();
    }
    List<Path> agreed = new ArrayList<>();
    for (PathUse u : outside) {
      agreed.add(u.real());
      try {
        AllowedFolders.add(folderOf(u));
      } catch (IOException | IllegalArgumentException e) {
        // Not remembered: agreed for this run only, asked again next time.
      }
    }
    replaced.forEach(u -> agreed.add(u.real()));
    return Optional.of(agreed);
  }

  /** Returns the question in plain words, one path a line. */
  static String text(Path baseDir, List<PathUse> outside, List<PathUse> replaced) {
    StringBuilder sb = new StringBuilder();
    if (!outside.isEmpty()) {
      sb.append("This pipeline would use files outside its own folder (")
          .append(baseDir)
          .append("):\n");
      outside.forEach(u -> sb.append(line(u)));
      sb.append(
          "\nA pipeline from someone else could read your private files or write over them this"
              + " way. Allow it only if you trust where the pipeline came from. Allowing lets"
              + " pipelines use these folders from now on:\n");
      new LinkedHashSet<>(outside.stream().map(PathConsent::folderOf).toList())
          .forEach(f -> sb.append("  ").append(f).append('\n'));
    }
    if (!replaced.isEmpty()) {
      sb.append(outside.isEmpty() ? "" : "\n")
          .append("The run would replace files that Blocksmith did not write:\n");
      replaced.forEach(u -> sb.append(line(u)));
    }
    return sb.toString();
  }

  private static String line(PathUse u) {
    return "  "
        + u.verb()
        + " "
        + u.shown()
        + "   ("
        + u.blockName()
        + ", \""
        + u.label()
        + "\")\n";
  }

  private static Path folderOf(PathUse u) {
    return Files.isDirectory(u.real()) ? u.real() : u.real().getParent();
  }
}
