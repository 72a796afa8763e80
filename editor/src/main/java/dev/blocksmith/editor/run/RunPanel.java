package dev.blocksmith.editor.run;

import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.editor.view.ResultsView;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.validate.Problem;
import java.awt.BorderLayout;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.swing.DefaultListModel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;

/** The panel under the canvas: results of the selected block, problems, and the run log. */
final class RunPanel extends JPanel {
  private static final int MAX_LOG_CHARS = 200_000;
  private final ResultsView results = new ResultsView();
  private final DefaultListModel<Problem> problems = new DefaultListModel<>();
  private final JList<Problem> problemList = new JList<>(problems);
  private final JTextArea log = new JTextArea();
  private final JTabbedPane tabs = new JTabbedPane();

  RunPanel(Consumer<String> selectNode, Function<String, String> blockName) {
    super(new BorderLayout());
    problemList.setName("problems");
    problemList.setCellRenderer(
        (l, p, i, sel, foc) -> {
          // CSS pixels: Swing's HTML draws them about a third wider than screen pixels.
          int width =
              Math.max(200, (l.getParent() == null ? 600 : l.getParent().getWidth() - 40) * 3 / 4);
          String where = p.nodeId() == null ? "Pipeline" : blockName.apply(p.nodeId());
          String when =
              p.code().startsWith("run-")
                  ? p.code().equals("run-diverged")
                      ? " (diverged while running)"
                      : " (failed while running)"
                  : "";
          var label =
              new javax.swing.JLabel(
                  "<html><div style='width:"
                      + width
                      + "px'><b>"
                      + PlainText.escape(where)
                      + "</b>"
                      + PlainText.escape(when)
                      + ": "
                      + PlainText.escape(p.message())
                      + (p.fix() == null || p.fix().isBlank()
                          ? ""
                          : "<br><i>What to do: " + PlainText.escape(p.fix()) + "</i>")
                      + "</div></html>");
          label.setBorder(javax.swing.BorderFactory.createEmptyBorder(3, 6, 3, 6));
          label.setOpaque(sel);
          label.setBackground(l.getSelectionBackground());
          return label;
        });
    problemList.setToolTipText("Click a problem to select its block");
    problemList.addMouseListener(
        new MouseAdapter() {
          @Override
          public void mouseClicked(MouseEvent e) {
            Problem p = problemList.getSelectedValue();
            if (p != null && p.nodeId() != null) {
              selectNode.accept(p.nodeId());
            }
          }
        });
    log.setName("runLog");
    log.setEditable(false);
    log.setFont(new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.PLAIN, 12));
    tabs.setName("bottomTabs");
    tabs.addTab("Results", results);
    tabs.addTab("Problems", new JScrollPane(problemList));
    tabs.addTab("Run log", new JScrollPane(log));
    tabs.setToolTipTextAt(0, "What the selected block produced");
    tabs.setToolTipTextAt(
        1, "What must be fixed before the pipeline can run, and blocks that failed while running");
    tabs.setToolTipTextAt(2, "Everything the blocks reported during runs");
    add(tabs, BorderLayout.CENTER);
  }

  ResultsView results() {
    return results;
  }

  void setRegistry(NodeRegistry r) {
    // reserved for block-specific result views
  }

  void log(String line) {
    log.append(line + "\n");
    if (log.getDocument().getLength() > MAX_LOG_CHARS) {
      log.replaceRange("", 0, log.getDocument().getLength() - MAX_LOG_CHARS / 2);
    }
    log.setCaretPosition(log.getDocument().getLength());
  }

  String logText() {
    return log.getText();
  }

  void clearProblems() {
    problems.clear();
    tabs.setTitleAt(1, "Problems");
    if (tabs.getSelectedIndex() == 1) {
      tabs.setSelectedIndex(0); // nothing left to read there: back to the results
    }
  }

  /** Adds one problem (a block that failed while running) and shows the Problems tab. */
  void addProblem(Problem p) {
    problems.addElement(p);
    tabs.setTitleAt(1, "Problems (" + problems.size() + ")");
    tabs.setSelectedIndex(1);
  }

  int problemCount() {
    return problems.size();
  }

  void showProblems(List<Problem> list) {
    problems.clear();
    list.forEach(problems::addElement);
    tabs.setTitleAt(1, "Problems (" + list.size() + ")");
    tabs.setSelectedIndex(1);
  }
}
