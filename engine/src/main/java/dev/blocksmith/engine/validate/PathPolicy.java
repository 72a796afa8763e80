package dev.blocksmith.engine.validate;

import dev.blocksmith.engine.home.AllowedFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a pipeline may read and write besides its own folder, and what the user agreed to. A graph
 * (or a model's recipe, or an opened bundle) may touch only files inside its own folder and inside
 * the allowed folders; anything else, and replacing a file Blocksmith did not write, needs the
 * user's agreement: exact paths they were shown ({@link #agreeTo}) or everything ({@link
 * #agreeToAll}, {@code --yes}). Immutable; {@link PathChecks} applies it for every file and folder
 * param, so no block checks paths itself.
 */
public final class PathPolicy {
  private final List<Path> folders;
  private final Set<Path> agreed;
  private final boolean agreeAll;

  private PathPolicy(Collection<Path> folders, Collection<Path> agreed, boolean agreeAll) {
    this.folders = List.copyOf(new LinkedHashSet<>(real(folders)));
    this.agreed = Set.copyOf(real(agreed));
    this.agreeAll = agreeAll;
  }

  /**
   * Returns the policy for this user: their own folder plus the folders in {@link AllowedFolders}.
   */
  public static PathPolicy standard() {
    return new PathPolicy(AllowedFolders.read(), List.of(), false);
  }

  /** Returns a policy that allows nothing beyond the pipeline's own folder. */
  public static PathPolicy confined() {
    return new PathPolicy(List.of(), List.of(), false);
  }

  /** Returns this policy with more allowed folders ({@code --allow FOLDER}). */
  public PathPolicy allowFolders(Collection<Path> more) {
    List<Path> all = new ArrayList<>(folders);
    all.addAll(more);
    return new PathPolicy(all, agreed, agreeAll);
  }

  /** Returns this policy with the user's agreement to these exact files (shown to them first). */
  public PathPolicy agreeTo(Collection<Path> paths) {
    List<Path> all = new ArrayList<>(agreed);
    all.addAll(paths);
    return new PathPolicy(folders, all, agreeAll);
  }

  /** Returns this policy with the user's agreement to every path of the run ({@code --yes}). */
  public PathPolicy agreeToAll() {
    return new PathPolicy(folders, agreed, true);
  }

  /** Returns the allowed folders, as real paths. */
  public List<Path> folders() {
    return folders;
  }

  /** Returns whether the user agreed to everything. */
  public boolean agreesToAll() {
    return agreeAll;
  }

  /** Returns whether the user agreed to this real path, one by one or all at once. */
  boolean agreed(Path real) {
    return agreeAll || agreed.contains(real);
  }

  /** Returns whether a real path lies in one of the allowed folders. */
  boolean inAllowedFolder(Path real) {
    return folders.stream().anyMatch(real::startsWith);
  }

  private static List<Path> real(Collection<Path> paths) {
    return paths.stream().map(p -> PathChecks.real(p.toAbsolutePath().normalize())).toList();
  }

  @Override
  public String toString() {
    return "PathPolicy(folders=" + folders + ", agreed=" + agreed + ", all=" + agreeAll + ")";
  }
}
