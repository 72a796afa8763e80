package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.mxgraph.swing.mxGraphComponent;
import com.mxgraph.swing.view.mxCellEditor;
import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.Main;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.Note;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.graph.Position;
import java.awt.Component;
import java.awt.Container;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.text.JTextComponent;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the editing features of the real window that the pipeline tests do not reach: copy, paste,
 * duplicate and delete (each one undo step), sticky notes, tidy up, image export, files dropped on
 * the canvas, menu shortcuts and tooltips, and the layout at 1280×800.
 */
class EditingFeaturesGuiTest {
  @TempDir static Path tmp;
  private static MainWindow w;

  @BeforeAll
  static void openEditor() throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-features-test");
    System.setProperty("blocksmith.noWarmUp", "true");
    FailOnThreadViolationRepaintManager.install();
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(TestBlocks::registryWithLoaders, FakeBackend::new, ready::complete);
    w = ready.get(30, TimeUnit.SECONDS);
    Gui.waitUntil(
        "blocks loaded", 20, () -> w.canvas().registry().find("data.load-csv").isPresent());
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

  /** sample → split → train → evaluate, placed right to left, with epochs set to 33. */
  private static Graph chain() {
    Graph g = Graph.EMPTY;
    String[][] nodes = {
      {"sample", "data.sample"},
      {"split", "prepare.split"},
      {"train", "train.train"},
      {"evaluate", "evaluate.evaluate"}
    };
    for (int i = 0; i < nodes.length; i++) {
      g =
          g.withNode(Node.of(nodes[i][0], nodes[i][1]))
              .withLayout(g.layout().withPosition(nodes[i][0], new Position(900 - 300 * i, 60)));
    }
    return g.withParam("train", "epochs", IntNode.valueOf(33))
        .withEdge(edge("sample", "table", "split", "data"))
        .withEdge(edge("split", "train", "train", "train"))
        .withEdge(edge("train", "model", "evaluate", "model"))
        .withEdge(edge("split", "test", "evaluate", "data"));
  }

  private static Edge edge(String from, String out, String to, String in) {
    return new Edge(new PortRef(from, out), new PortRef(to, in));
  }

  /** Shows {@code g} as a freshly opened, unmodified pipeline with no undo history. */
  private static void open(Graph g) throws Exception {
    Gui.run(
        () -> {
          w.document().reset(g, null, false);
          w.showPage(true);
        });
  }

  private static Graph graph() throws Exception {
    return Gui.edt(() -> w.document().graph());
  }

  /** Undoes once and checks that brings back exactly {@code before}, with nothing left to undo. */
  private static void assertOneUndoStepBackTo(Graph before) throws Exception {
    Gui.run(() -> w.controller().undo());
    assertThat(graph()).isEqualTo(before);
    assertThat(Gui.edt(() -> w.document().canUndo())).as("one undo step").isFalse();
  }

  private static mxGraphComponent canvasComponent() {
    return (mxGraphComponent) w.canvas().component();
  }

  private static String status() throws Exception {
    return Gui.edt(() -> ((JLabel) Gui.findByName(w.frame().getRootPane(), "status")).getText());
  }

  @Test
  void copyPasteDuplicateAndDeleteAreOneUndoStepEach() throws Exception {
    Graph before = chain();
    open(before);

    // Copy everything: the clipboard holds the graph as JSON.
    Gui.run(() -> canvasComponent().getGraph().selectAll());
    assertThat(Gui.edt(() -> w.canvas().selectedNodeIds())).hasSize(4);
    Gui.run(() -> w.controller().copy());
    String json =
        Gui.edt(
            () ->
                (String)
                    Toolkit.getDefaultToolkit()
                        .getSystemClipboard()
                        .getData(DataFlavor.stringFlavor));
    assertThat(json).contains("\"nodes\"", "\"prepare.split\"", "\"epochs\"");

    // Paste: four new nodes under fresh ids, same params, the four edges among them.
    Gui.run(() -> w.controller().paste());
    Graph pasted = graph();
    assertThat(pasted.nodes()).hasSize(8);
    Set<String> oldIds = ids(before);
    Map<String, String> copyOf = new HashMap<>();
    for (Node n : pasted.nodes()) {
      if (!oldIds.contains(n.id())) {
        Node original =
            before.nodes().stream()
                .filter(o -> o.type().equals(n.type()))
                .findFirst()
                .orElseThrow();
        assertThat(n.params()).isEqualTo(original.params());
        copyOf.put(original.id(), n.id());
      }
    }
    assertThat(copyOf).hasSize(4);
    assertThat(pasted.node(copyOf.get("train")).orElseThrow().params().get("epochs").asInt())
        .isEqualTo(33);
    for (Edge e : before.edges()) {
      assertThat(pasted.edges())
          .contains(
              edge(
                  copyOf.get(e.from().node()),
                  e.from().port(),
                  copyOf.get(e.to().node()),
                  e.to().port()));
    }
    assertThat(pasted.edges()).hasSize(8);
    assertOneUndoStepBackTo(before);
    Gui.run(() -> w.controller().redo());
    assertThat(graph()).isEqualTo(pasted);

    // Duplicate one block: a fresh id, the same params, no edges.
    open(before);
    Gui.run(() -> w.canvas().select("train"));
    Gui.run(() -> w.controller().duplicate());
    Graph duplicated = graph();
    assertThat(duplicated.nodes()).hasSize(5);
    Node copy =
        duplicated.nodes().stream().filter(n -> !oldIds.contains(n.id())).findFirst().orElseThrow();
    assertThat(copy.type()).isEqualTo("train.train");
    assertThat(copy.params()).isEqualTo(before.node("train").orElseThrow().params());
    assertThat(duplicated.edges()).hasSize(4);
    assertOneUndoStepBackTo(before);

    // Delete a block: it goes with its three connections.
    open(before);
    Gui.run(() -> w.canvas().select("split"));
    Gui.run(() -> w.controller().delete());
    Graph deleted = graph();
    assertThat(ids(deleted)).containsExactlyInAnyOrder("sample", "train", "evaluate");
    assertThat(deleted.edges()).containsExactly(edge("train", "model", "evaluate", "model"));
    assertOneUndoStepBackTo(before);
  }

  private static Set<String> ids(Graph g) {
    Set<String> out = new HashSet<>();
    g.nodes().forEach(n -> out.add(n.id()));
    return out;
  }

  @Test
  void aStickyNoteIsEditedInPlaceSavedAndReopened() throws Exception {
    open(chain());
    Gui.run(() -> w.controller().addNote());
    assertThat(graph().layout().notes()).extracting(Note::id).containsExactly("note1");
    assertOneUndoStepBackTo(chain());
    Gui.run(() -> w.controller().addNote());
    assertThat(
            Gui.edt(
                () -> {
                  mxGraphComponent c = canvasComponent();
                  Object cell = c.getGraph().getSelectionCell();
                  var st = c.getGraph().getView().getState(cell);
                  return c.getViewport().getViewRect().contains(st.getRectangle());
                }))
        .as("the new note is scrolled into view")
        .isTrue();

    // Edit it the way a double-click does: the in-place editor, then commit.
    Gui.run(
        () -> {
          mxGraphComponent c = canvasComponent();
          Object cell = null;
          for (Object v : c.getGraph().getChildVertices(c.getGraph().getDefaultParent())) {
            if ("note:note1".equals(c.getGraph().getModel().getValue(v))) {
              cell = v;
            }
          }
          assertThat(cell).as("note cell").isNotNull();
          c.startEditingAtCell(cell);
          Component editor = ((mxCellEditor) c.getCellEditor()).getEditor();
          JTextComponent text =
              editor instanceof JScrollPane sp
                  ? (JTextComponent) sp.getViewport().getView()
                  : (JTextComponent) editor;
          text.setText("Split keeps 20 % aside.");
          c.stopEditing(false);
        });
    Gui.waitUntil(
        "note edited",
        5,
        () ->
            w.document().graph().layout().notes().get(0).text().equals("Split keeps 20 % aside."));
    Gui.shot(w.frame(), "20-sticky-note");

    Path file = tmp.resolve("with-note.json");
    Gui.run(() -> w.controller().saveTo(file));
    Gui.waitUntil("saved", 10, () -> !w.document().isModified());
    assertThat(Files.readString(file)).contains("\"notes\"", "Split keeps 20 % aside.");
    Graph saved = graph();
    open(Graph.EMPTY);
    Gui.run(() -> w.controller().openFile(file));
    Gui.waitUntil("reopened", 10, () -> file.toAbsolutePath().equals(w.document().file()));
    assertThat(graph().layout().notes()).isEqualTo(saved.layout().notes());
  }

  @Test
  void tidyUpArrangesLeftToRightAsOneUndoStep() throws Exception {
    Graph before = chain();
    open(before);
    Gui.run(() -> w.controller().tidyUp());
    Graph tidy = graph();
    Map<String, Position> pos = tidy.layout().positions();
    for (Edge e : tidy.edges()) {
      assertThat(pos.get(e.from().node()).x())
          .as(e.toString())
          .isLessThan(pos.get(e.to().node()).x());
    }
    assertOneUndoStepBackTo(before);
  }

  @Test
  void exportImageWritesAPngOfTheCanvas() throws Exception {
    open(Graph.EMPTY);
    Path none = tmp.resolve("empty.png");
    Gui.run(() -> w.controller().exportImageTo(none));
    assertThat(status()).contains("nothing to export");
    assertThat(none).doesNotExist();

    open(chain());
    Path png = tmp.resolve("pipeline.png");
    Gui.run(() -> w.controller().exportImageTo(png));
    Gui.waitUntil(
        "picture saved",
        10,
        () ->
            ((JLabel) Gui.findByName(w.frame().getRootPane(), "status"))
                .getText()
                .startsWith("Saved picture pipeline.png"));
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).isNotNull();
    assertThat(img.getWidth()).isGreaterThan(300);
    assertThat(img.getHeight()).isGreaterThan(50);
  }

  @Test
  void droppedCsvFilesAndFoldersBecomeLoadBlocks() throws Exception {
    open(Graph.EMPTY);
    Path csv = Files.writeString(tmp.resolve("houses.csv"), "rooms,price\n3,100\n");
    Path folder = Files.createDirectories(tmp.resolve("pictures"));
    Path other = Files.writeString(tmp.resolve("notes.txt"), "hello");

    assertThat(drop(csv)).isTrue();
    Node load = graph().node("load-csv").orElseThrow();
    assertThat(load.type()).isEqualTo("data.load-csv");
    assertThat(load.params().get("file").asText()).isEqualTo(csv.toAbsolutePath().toString());

    assertThat(drop(folder)).isTrue();
    Node images = graph().node("load-images").orElseThrow();
    assertThat(images.type()).isEqualTo("data.load-images");
    assertThat(images.params().get("folder").asText())
        .isEqualTo(folder.toAbsolutePath().toString());
    assertThat(graph().nodes()).hasSize(2);

    drop(other);
    assertThat(graph().nodes()).hasSize(2);
    assertThat(Gui.edt(() -> w.canvas().lastToast())).contains("Drop a CSV file");
    Gui.run(() -> w.controller().undo());
    assertThat(ids(graph())).containsExactly("load-csv");
  }

  /** Drops {@code file} on the canvas through its transfer handler, as a desktop drag does. */
  private static boolean drop(Path file) throws Exception {
    Transferable t =
        new Transferable() {
          @Override
          public DataFlavor[] getTransferDataFlavors() {
            return new DataFlavor[] {DataFlavor.javaFileListFlavor};
          }

          @Override
          public boolean isDataFlavorSupported(DataFlavor f) {
            return DataFlavor.javaFileListFlavor.equals(f);
          }

          @Override
          public Object getTransferData(DataFlavor f) {
            return List.of(file.toFile());
          }
        };
    return Gui.edt(
        () -> {
          JComponent c = w.canvas().component();
          assertThat(c.getTransferHandler().canImport(c, t.getTransferDataFlavors())).isTrue();
          return c.getTransferHandler().importData(c, t);
        });
  }

  @Test
  void everyMenuActionHasATooltipAndTheMainOnesAShortcut() throws Exception {
    Map<String, KeyStroke> keys =
        Gui.edt(
            () -> {
              Map<String, KeyStroke> out = new HashMap<>();
              List<String> missing = new ArrayList<>();
              for (int i = 0; i < w.frame().getJMenuBar().getMenuCount(); i++) {
                JMenu m = w.frame().getJMenuBar().getMenu(i);
                for (Component c : m.getMenuComponents()) {
                  if (c instanceof JMenuItem item) {
                    if (item.getToolTipText() == null || item.getToolTipText().isBlank()) {
                      missing.add(item.getText());
                    }
                    // Keyed by the action's name: Undo and Redo items say what they would undo.
                    out.put(
                        item.getAction() == null
                            ? item.getText()
                            : (String) item.getAction().getValue(javax.swing.Action.NAME),
                        item.getAccelerator());
                  }
                }
              }
              assertThat(missing).as("menu items without a tooltip").isEmpty();
              return out;
            });
    assertThat(keys).hasSizeGreaterThan(20);
    assertThat(keys.get("Run all")).isEqualTo(KeyStroke.getKeyStroke("ctrl ENTER"));
    assertThat(keys.get("Undo")).isEqualTo(KeyStroke.getKeyStroke("ctrl Z"));
    assertThat(keys.get("Redo")).isEqualTo(KeyStroke.getKeyStroke("ctrl shift Z"));
    assertThat(keys.get("Save")).isEqualTo(KeyStroke.getKeyStroke("ctrl S"));
    assertThat(keys.get("Cancel run")).isEqualTo(KeyStroke.getKeyStroke("ctrl PERIOD"));
    assertThat(keys.get("Fit to window")).isEqualTo(KeyStroke.getKeyStroke("ctrl 0"));

    // Escape never cancels a run (it closes menus and dialogs); the toolbar tooltips name the
    // shortcuts.
    Gui.run(
        () -> {
          var root = w.frame().getRootPane();
          Object key =
              root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                  .get(KeyStroke.getKeyStroke("ESCAPE"));
          assertThat(key).isNull();
          assertThat(Gui.findByName(root, "tool:Run all").getToolTipText())
              .contains("(Ctrl+Enter)");
          assertThat(Gui.findByName(root, "tool:Undo").getToolTipText()).contains("(Ctrl+Z)");
        });
  }

  @Test
  void theWindowIsUsableAt1280x800() throws Exception {
    open(Graph.EMPTY);
    Gui.run(
        () -> {
          w.frame().setExtendedState(JFrame.NORMAL);
          w.frame().setBounds(0, 0, 1280, 800);
        });
    Path file = Path.of("..", "graphs", "first-model.json").toAbsolutePath().normalize();
    Gui.run(() -> w.controller().openFile(file));
    Gui.waitUntil("opened", 10, () -> file.equals(w.document().file()));
    Gui.run(() -> w.canvas().select("train"));
    Gui.waitUntil(
        "inspector form", 5, () -> Gui.findByName(w.frame().getRootPane(), "param:epochs") != null);
    new Robot().waitForIdle();
    Map<String, java.awt.Dimension> sizes =
        Gui.edt(
            () -> {
              Container root = w.frame().getRootPane();
              Map<String, java.awt.Dimension> out = new HashMap<>();
              for (String name :
                  List.of("paletteList", "canvas", "inspector", "results", "toolbar")) {
                JComponent c = Gui.findByName(root, name);
                assertThat(c).as(name + " showing").isNotNull();
                out.put(name, c.getSize());
              }
              return out;
            });
    Gui.shot(w.frame(), "21-window-1280x800");
    assertThat(Gui.edt(() -> w.frame().getSize())).isEqualTo(new java.awt.Dimension(1280, 800));
    assertThat(sizes.get("canvas").width).isGreaterThan(500);
    assertThat(sizes.get("canvas").height).isGreaterThan(250);
    assertThat(sizes.get("paletteList").width).isGreaterThan(180);
    assertThat(sizes.get("paletteList").height).isGreaterThan(150);
    assertThat(sizes.get("inspector").width).isGreaterThan(240);
    assertThat(sizes.get("inspector").height).isGreaterThan(200);
    assertThat(sizes.get("results").width).isGreaterThan(600);
    assertThat(sizes.get("results").height).isGreaterThan(150);
  }
}
