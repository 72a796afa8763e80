package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.Main;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.awt.Component;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer with their own CSV meets in a 1280×800 window, on the real blocks (runs go to a
 * fake engine): Load CSV's column table before anything runs, roles chosen in it, a block that
 * fails while running shown on its card and in Problems, and the help behind the "?".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnDataGuiTest {
  @TempDir static Path tmp;
  private static MainWindow w;
  private static final FakeBackend BACKEND = new FakeBackend();

  @BeforeAll
  static void openEditor() throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-own-data-test");
    System.setProperty("blocksmith.noWarmUp", "true");
    FailOnThreadViolationRepaintManager.install();
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(NodeRegistry::loadInstalled, () -> BACKEND, ready::complete);
    w = ready.get(30, TimeUnit.SECONDS);
    Gui.waitUntil("blocks loaded", 60, () -> w.canvas().registry().find("train.train").isPresent());
    Gui.run(
        () -> {
          w.frame().setExtendedState(java.awt.Frame.NORMAL);
          w.frame().setBounds(0, 0, 1280, 800);
          w.controller().newPipeline();
        });
  }

  @AfterAll
  static void closeEditor() throws Exception {
    if (w != null) {
      Gui.run(
          () -> {
            w.runs().shutdown();
            w.frame().dispose();
          });
    }
  }

  /** An analyst's export: an id, a date, a note, decimal commas and gaps, ';' between values. */
  private static Path export() throws Exception {
    List<String> lines = new ArrayList<>(List.of("patient_id;visit;note;size;<html><b>x</b>;kind"));
    for (int i = 0; i < 40; i++) {
      lines.add(
          (5000 + i)
              + ";2024-03-"
              + (10 + i % 18)
              + ";called back about thing "
              + (i * 31)
              + ";"
              + (i % 6 == 0 ? "" : (i % 9) + "," + (i % 7))
              + ";"
              + (i % 3)
              + ";"
              + (i % 2 == 0 ? "small" : "large"));
    }
    return Files.write(tmp.resolve("export.csv"), lines);
  }

  private static JComponent find(String name) {
    return Gui.findByName(w.frame().getRootPane(), name);
  }

  private static int row(JTable t, String column) {
    for (int r = 0; r < t.getRowCount(); r++) {
      if (((dev.blocksmith.nodes.data.csv.CsvSample.ColumnInfo) t.getValueAt(r, 0))
          .name()
          .equals(column)) {
        return r;
      }
    }
    throw new AssertionError("no row " + column);
  }

  @Test
  @Order(1)
  void columnTableShowsTheFileAndSetsRolesBeforeAnyRun() throws Exception {
    Path csv = export();
    Gui.run(
        () -> {
          w.canvas().addBlock("data.load-csv", null);
          String id = w.document().graph().nodes().get(0).id();
          w.document()
              .edit(
                  "Set file",
                  g ->
                      g.withParam(
                          id,
                          "file",
                          com.fasterxml.jackson.databind.node.TextNode.valueOf(csv.toString())));
          w.canvas().select(id);
        });
    String load = Gui.edt(() -> w.document().graph().nodes().get(0).id());
    Gui.waitUntil("column table", 10, () -> find("columnTable") instanceof JTable);
    JTable t = Gui.edt(() -> (JTable) find("columnTable"));
    assertThat(Gui.edt(t::getRowCount)).isEqualTo(6);
    assertThat(Gui.edt(() -> t.getValueAt(row(t, "patient_id"), 1))).isEqualTo("id");
    assertThat(Gui.edt(() -> t.getValueAt(row(t, "patient_id"), 2)).toString())
        .isEqualTo("Id (ignore)");
    assertThat(Gui.edt(() -> t.getValueAt(row(t, "visit"), 1))).isEqualTo("date");
    assertThat(Gui.edt(() -> t.getValueAt(row(t, "note"), 2)).toString()).isEqualTo("Leave out");
    assertThat(Gui.edt(() -> cellLines(t, "size")))
        .containsExactly("size", "7 missing · 1.1, 2.2, 3.3");
    // A column named like HTML is shown as the text it is.
    assertThat(Gui.edt(() -> cellLines(t, "<html><b>x</b>")).get(0)).isEqualTo("<html><b>x</b>");
    assertThat(Gui.edt(() -> t.getToolTipText(mouseAt(t, row(t, "patient_id")))))
        .contains("Guessed: looks like an id");
    assertThat(Gui.edt(() -> w.canvas().cardState(load).status())).isEqualTo(NodeStatus.IDLE);

    // One choice in the Role column: the file's "kind" becomes the column to predict.
    pickRole(t, "kind", "Predict this");
    Gui.waitUntil("label set", 5, () -> "kind".equals(param(load, "label")));
    JTable after = Gui.edt(() -> (JTable) find("columnTable"));
    assertThat(Gui.edt(() -> after.getValueAt(row(after, "kind"), 2)).toString())
        .isEqualTo("Predict this");
    pickRole(after, "patient_id", "Learn from");
    Gui.waitUntil("id learned from", 5, () -> "patient_id".equals(param(load, "featureColumns")));
    // The Column to predict list holds the file's columns and says it takes typing.
    JComboBox<?> label = Gui.edt(() -> (JComboBox<?>) find("param:label"));
    assertThat(Gui.edt(label::getItemCount)).isEqualTo(6);
    assertThat(Gui.edt(label::isEditable)).isTrue();
    assertThat(
            Gui.edt(
                () ->
                    ((JComponent) label.getEditor().getEditorComponent())
                        .getClientProperty("JTextField.placeholderText")))
        .isNotNull();
    Gui.shot(w.frame(), "owndata-01-column-table-1280x800");
  }

  @Test
  @Order(2)
  void aBlockThatFailsWhileRunningShowsOnItsCardAndInProblems() throws Exception {
    String load = Gui.edt(() -> w.document().graph().nodes().get(0).id());
    Gui.run(
        () -> {
          w.canvas().select(load);
          w.canvas().addBlock("prepare.split", null);
          w.canvas().addBlock("train.train", null);
          w.canvas().addBlock("evaluate.evaluate", null);
          w.canvas().zoomToFit();
        });
    String train =
        Gui.edt(
            () ->
                w.document().graph().nodes().stream()
                    .filter(n -> n.type().equals("train.train"))
                    .findFirst()
                    .orElseThrow()
                    .id());
    BACKEND.failType = "train.train";
    Gui.run(() -> w.controller().runAll());
    Gui.waitUntil(
        "train failed", 20, () -> w.canvas().cardState(train).status() == NodeStatus.FAILED);
    Gui.waitUntil("run over", 20, () -> !w.runs().isRunning());
    assertThat(Gui.edt(() -> w.canvas().cardText(train))).contains("failed  ·  The column");
    JList<?> problems = Gui.edt(() -> (JList<?>) find("problems"));
    assertThat(Gui.edt(() -> problems.getModel().getSize())).isEqualTo(1);
    Component shown =
        Gui.edt(
            () -> {
              @SuppressWarnings("unchecked")
              JList<Object> l = (JList<Object>) problems;
              return l.getCellRenderer()
                  .getListCellRendererComponent(l, l.getModel().getElementAt(0), 0, false, false);
            });
    assertThat(((JLabel) shown).getText())
        .contains("<b>Train</b> (failed while running)")
        .contains("What to do: Pick a column whose values differ");
    Gui.run(() -> w.canvas().select(load));
    Gui.run(
        () -> {
          problems.setSelectedIndex(0);
          Rectangle r = problems.getCellBounds(0, 0);
          problems.dispatchEvent(
              new MouseEvent(
                  problems,
                  MouseEvent.MOUSE_CLICKED,
                  System.currentTimeMillis(),
                  0,
                  r.x + 5,
                  r.y + 5,
                  1,
                  false));
        });
    assertThat(Gui.edt(() -> w.canvas().selectedNodeIds())).containsExactly(train);
    Gui.shot(w.frame(), "owndata-02-runtime-failure");
    BACKEND.failType = null;
  }

  @Test
  @Order(3)
  void theQuestionMarkOpensTheBlocksHelpAndTheGlossaryIsSearchable() throws Exception {
    Gui.waitUntil("blockDoc button", 5, () -> find("blockDoc") instanceof JButton);
    Gui.run(() -> ((JButton) find("blockDoc")).doClick());
    Gui.waitUntil("help open", 5, () -> Gui.dialog("Blocksmith help") != null);
    javax.swing.JDialog d = Gui.edt(() -> Gui.dialog("Blocksmith help"));
    JTextArea text = Gui.edt(() -> (JTextArea) Gui.findByName(d.getRootPane(), "helpText"));
    assertThat(Gui.edt(() -> text.getText())).startsWith("Train (train.train)");
    Gui.shot(d, "owndata-03-help-train");
    Gui.run(() -> ((JTextField) Gui.findByName(d.getRootPane(), "helpSearch")).setText("R²"));
    JList<?> topics = Gui.edt(() -> (JList<?>) Gui.findByName(d.getRootPane(), "helpTopics"));
    List<String> titles = new ArrayList<>();
    Gui.run(
        () -> {
          for (int i = 0; i < topics.getModel().getSize(); i++) {
            titles.add(topics.getModel().getElementAt(i).toString());
          }
        });
    assertThat(titles).contains("Metric: r2", "Term: r2");
    Gui.run(() -> ((JTextField) Gui.findByName(d.getRootPane(), "helpSearch")).setText("mae"));
    assertThat(Gui.edt(() -> text.getText())).contains("typical error");
    Gui.shot(d, "owndata-04-help-glossary");
    Gui.run(() -> d.setVisible(false));

    // The "?" beside a setting opens its glossary entry (Train's Epochs → "epoch").
    Gui.waitUntil("epochs' ?", 5, () -> find("paramDoc:epochs") instanceof JButton);
    Gui.run(() -> ((JButton) find("paramDoc:epochs")).doClick());
    Gui.waitUntil("help open again", 5, () -> Gui.dialog("Blocksmith help").isVisible());
    assertThat(Gui.edt(() -> String.valueOf(topics.getSelectedValue()))).isEqualTo("Term: epoch");
    assertThat(Gui.edt(() -> text.getText())).isNotBlank();
    Gui.shot(d, "owndata-04b-help-from-a-setting");
    Gui.run(() -> d.setVisible(false));
  }

  @Test
  @Order(4)
  void at1280x800TheToolbarAndSidePanelsFit() throws Exception {
    Gui.run(() -> w.canvas().select(null));
    JComponent bar = Gui.edt(() -> find("toolbar"));
    int width = Gui.edt(() -> w.frame().getContentPane().getWidth());
    assertThat(Gui.edt(() -> bar.getPreferredSize().width)).isLessThanOrEqualTo(width);
    for (String name : List.of("tool:Run all", "inspector", "bottomTabs")) {
      JComponent c = Gui.edt(() -> find(name));
      assertThat(c).as(name).isNotNull();
      Rectangle r =
          Gui.edt(
              () ->
                  SwingUtilities.convertRectangle(
                      c.getParent(), c.getBounds(), w.frame().getContentPane()));
      assertThat(r.x + r.width).as(name + " right edge").isLessThanOrEqualTo(width);
    }
    Gui.shot(w.frame(), "owndata-05-window-1280x800");
  }

  @Test
  @Order(5)
  void metricNamesAreNeverCutOffAndEachHasItsHelp() throws Exception {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", 0.94);
    m.put("accuracy, 95 % low", 0.81);
    m.put("accuracy, 95 % high", 0.98);
    m.put("macro F1", 0.93);
    BACKEND.metrics = m;
    String evaluate =
        Gui.edt(
            () ->
                w.document().graph().nodes().stream()
                    .filter(n -> n.type().equals("evaluate.evaluate"))
                    .findFirst()
                    .orElseThrow()
                    .id());
    Gui.run(() -> w.controller().runAll());
    Gui.waitUntil("run over", 20, () -> !w.runs().isRunning());
    Gui.run(() -> w.canvas().select(evaluate));
    Gui.waitUntil("metrics shown", 10, () -> find("metricsTable") instanceof JTable);
    JTable t = Gui.edt(() -> (JTable) find("metricsTable"));
    Gui.run(
        () -> {
          java.awt.FontMetrics fm = t.getFontMetrics(t.getFont());
          int width = t.getColumnModel().getColumn(0).getWidth();
          for (int r = 0; r < t.getRowCount(); r++) {
            String name = String.valueOf(t.getValueAt(r, 0));
            assertThat(fm.stringWidth(name)).as(name).isLessThan(width - 4);
            Rectangle cell = t.getCellRect(r, 0, true);
            assertThat(
                    t.getToolTipText(
                        new MouseEvent(
                            t, MouseEvent.MOUSE_MOVED, 0, 0, cell.x + 2, cell.y + 2, 0, false)))
                .as(name)
                .isNotBlank();
          }
        });
    assertThat(Gui.edt(() -> w.canvas().cardText(evaluate))).contains("accuracy");
    Gui.shot(w.frame(), "owndata-06-results-1280x800");
    // Double-clicking a metric opens its glossary entry; a range opens its metric's.
    for (int[] row : new int[][] {{3}, {1}}) {
      Gui.run(
          () -> {
            Rectangle cell = t.getCellRect(row[0], 0, true);
            t.dispatchEvent(
                new MouseEvent(
                    t,
                    MouseEvent.MOUSE_CLICKED,
                    System.currentTimeMillis(),
                    0,
                    cell.x + 2,
                    cell.y + 2,
                    2,
                    false));
          });
      Gui.waitUntil("help open", 5, () -> Gui.dialog("Blocksmith help") != null);
      javax.swing.JDialog d = Gui.edt(() -> Gui.dialog("Blocksmith help"));
      JList<?> topics = Gui.edt(() -> (JList<?>) Gui.findByName(d.getRootPane(), "helpTopics"));
      assertThat(Gui.edt(() -> String.valueOf(topics.getSelectedValue())))
          .isEqualTo(row[0] == 3 ? "Metric: macro F1" : "Metric: accuracy");
      Gui.run(() -> d.setVisible(false));
    }
    BACKEND.metrics = Map.of("accuracy", 0.94);
  }

  private static void pickRole(JTable t, String column, String role) throws Exception {
    Gui.run(
        () -> {
          int r = row(t, column);
          t.editCellAt(r, 2);
          @SuppressWarnings("unchecked")
          JComboBox<Object> box = (JComboBox<Object>) t.getEditorComponent();
          for (int i = 0; i < box.getItemCount(); i++) {
            if (box.getItemAt(i).toString().equals(role)) {
              box.setSelectedIndex(i);
            }
          }
        });
  }

  /** Returns the lines the name cell of {@code column} shows, checking they are plain text. */
  private static List<String> cellLines(JTable t, String column) {
    int r = row(t, column);
    java.awt.Container cell = (java.awt.Container) t.prepareRenderer(t.getCellRenderer(r, 0), r, 0);
    List<String> lines = new ArrayList<>();
    for (Component c : cell.getComponents()) {
      JLabel l = (JLabel) c;
      assertThat(l.getClientProperty("html.disable")).isEqualTo(Boolean.TRUE);
      lines.add(l.getText());
    }
    return lines;
  }

  private static MouseEvent mouseAt(JTable t, int row) {
    Rectangle r = t.getCellRect(row, 0, true);
    return new MouseEvent(t, MouseEvent.MOUSE_MOVED, 0, 0, r.x + 2, r.y + 2, 0, false);
  }

  private static String param(String node, String name) {
    var v = w.document().graph().node(node).orElseThrow().params().get(name);
    return v == null ? null : v.asText();
  }
}
