package dev.blocksmith.editor.action;

/** Forget every cached block output (in memory and on disk). */
public final class ClearCacheAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public ClearCacheAction(Commands c) {
    super("Clear cache", null, "Forget the saved results of every block, so the next run"
        + " starts from scratch.", c::clearCache);
  }
}
