package dev.blocksmith.editor.history;

import dev.blocksmith.engine.history.PastRun;
import dev.blocksmith.engine.history.RunHistory;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingWorker;
import javax.swing.table.DefaultTableModel;

/**
 * The Runs window: the run history (the same runs as {@code blocksmith runs}), newest first;
 * selecting two or more compares them below, and Open pipeline reopens the pipeline exactly as a
 * run ran it. The folder is read off the event thread.
 */
public final class RunsWindow {
  private final Path root;
  private final Consumer<Path> open;
  private final JFrame frame = new JFrame("Runs");
  private final DefaultTableModel model;
  private final JTable table;
  private final RunComparison comparison = new RunComparison();
  private final JButton openButton = new JButton("Open pipeline");
  private final JLabel status = new JLabel(" ");
  private List<PastRun> runs = List.of();

  /**
   * Creates the window (not yet shown).
   *
   * @param root the runs folder
   * @param open opens a pipeline file in the editor
   */
  public RunsWindow(Path root, Consumer<Path> open) {
    this.root = root;
    this.open = open;
    model =
        new DefaultTableModel(
            new Object[] {"Run", "Pipeline", "Result", "Time", "Finished", "Scores"}, 0) {
          @Override
          public boolean isCellEditable(int row, int column) {
            return false;
          }
        };
    table = new JTable(model);
    table.setName("runsTable");
    table.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
    table.getColumnModel().getColumn(0).setPreferredWidth(190);
    table.getColumnModel().getColumn(5).setPreferredWidth(320);
    table
        .getSelectionModel()
        .addListSelectionListener(e -> selectionChanged(e.getValueIsAdjusting()));
    openButton.setName("openRunPipeline");
    openButton.setToolTipText(
        "Write the pipeline exactly as the selected run ran it, and open it.");
    openButton.setEnabled(false);
    openButton.addActionListener(e -> openSelected());
    JButton refresh = new JButton("Refresh");
    refresh.setName("refreshRuns");
    refresh.addActionListener(e -> reload());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT));
    buttons.add(openButton);
    buttons.add(refresh);
    buttons.add(status);
    JPanel top = new JPanel(new BorderLayout());
    top.add(new JScrollPane(table), BorderLayout.CENTER);
    top.add(buttons, BorderLayout.SOUTH);
    JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, top, comparison.panel());
    split.setResizeWeight(0.4);
    frame.setName("runsWindow");
    frame.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
    frame.getContentPane().add(split);
    frame.setSize(1100, 760);
  }

  /** Returns the window. */
  public JFrame frame() {
    return frame;
  }

  /** Shows the window and reads the runs folder. */
  public void show() {
    frame.setLocationRelativeTo(null);
    frame.setVisible(true);
    reload();
  }

  /** Reads the runs folder again (off the event thread) and refills the list. */
  public void reload() {
    status.setText("Reading " + root + "…");
    new SwingWorker<RunHistory, Void>() {
      @Override
      protected RunHistory doInBackground() {
        return RunHistory.load(root);
      }

      @Override
      protected void done() {
        try {
          fill(get());
        } catch (InterruptedException | ExecutionException e) {
          status.setText("Could not read the runs: " + e.getMessage());
        }
      }
    }.execute();
  }

  private void fill(RunHistory history) {
    runs = history.runs();
    model.setRowCount(0);
    for (PastRun r : runs) {
      model.addRow(
          new Object[] {
            r.id(),
            r.name(),
            r.success() ? "ok" : "failed",
            String.format(Locale.ROOT, "%.1f s", r.seconds()),
            r.finishedAt().replace('T', ' ').replaceAll("\\.\\d+Z$", ""),
            r.scores()
          });
    }
    status.setText(
        runs.isEmpty()
            ? "No runs yet in " + root + "."
            : runs.size() + " runs in " + root + ". Select two or more to compare them.");
    comparison.show(List.of());
  }

  private List<PastRun> selected() {
    List<PastRun> out = new ArrayList<>();
    for (int row : table.getSelectedRows()) {
      out.add(runs.get(table.convertRowIndexToModel(row)));
    }
    return out;
  }

  private void selectionChanged(boolean adjusting) {
    if (adjusting) {
      return;
    }
    List<PastRun> sel = selected();
    openButton.setEnabled(sel.size() == 1);
    comparison.show(sel);
  }

  private void openSelected() {
    List<PastRun> sel = selected();
    if (sel.size() != 1) {
      return;
    }
    PastRun r = sel.get(0);
    try {
      open.accept(RunHistory.writePipeline(r, r.dir().resolve("pipeline.json")));
    } catch (IllegalArgumentException e) {
      JOptionPane.showMessageDialog(
          frame, e.getMessage(), "Cannot open this run", JOptionPane.WARNING_MESSAGE);
    }
  }
}
