package dev.blocksmith.editor.action;

/** Run the whole pipeline and save an HTML report of the run. */
public final class RunWithReportAction extends EditorAction {
  /** Creates the action for {@code c}. */
  public RunWithReportAction(Commands c) {
    super("Run and save report…", null,
        "Run the whole pipeline, then save a self-contained HTML report to hand out.",
        c::runWithReport);
  }
}
