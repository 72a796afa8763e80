package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.Main;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.editor.canvas.GraphChanges;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphFiles;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.Position;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.PortSpec;
import dev.blocksmith.engine.spi.PortType;
import java.awt.Container;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JCheckBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharing in the real window: an exported picture reopens (File ▸ Open and a drop on the canvas) as
 * the same graph, byte for byte; graphs/house-prices.json shared as a bundle through the dialog
 * reopens from its own extracted folder with Load CSV reading the extracted data; a hostile bundle
 * shows the refusal in a dialog and writes nothing; a whole pipeline copied as text pastes as one
 * undo step and other text is named as not a pipeline.
 */
class SharingGuiTest {
  private static final Path GRAPHS = Path.of("..", "graphs");
  @TempDir static Path tmp;
  private static MainWindow w;

  @BeforeAll
  static void openEditor() throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-sharing-test");
    System.setProperty("blocksmith.noWarmUp", "true");
    FailOnThreadViolationRepaintManager.install();
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(SharingGuiTest::registry, FakeBackend::new, ready::complete);
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

  /** The test blocks, with a stand-in for Save model (an output block writing a .bsmodel file). */
  private static NodeRegistry registry() {
    NodeSpec save =
        NodeSpec.builder("output.save-model")
            .setDisplayName("Save model")
            .setCategory(Category.OUTPUT)
            .setSummary("Writes the model to a file.")
            .setWhatItDoes("Saves the model.")
            .addInput(PortSpec.of("model", PortType.MODEL, "Model", "The model to save."))
            .addParam(
                ParamSpec.builder("file", ParamType.FILE)
                    .setLabel("Model file")
                    .setHelp("Where to save.")
                    .build())
            .build();
    List<NodeType> all = new ArrayList<>(TestBlocks.registryWithLoaders().all());
    all.add(
        new NodeType() {
          @Override
          public NodeSpec spec() {
            return save;
          }

          @Override
          public java.util.Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) {
            return java.util.Map.of();
          }
        });
    return NodeRegistry.of(all);
  }

  /** Copies graphs/house-prices.json and its CSV into {@code dir}; returns the graph file. */
  private static Path housePrices(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.copy(GRAPHS.resolve("data/house-prices.csv"), dir.resolve("data/house-prices.csv"));
    return Files.copy(GRAPHS.resolve("house-prices.json"), dir.resolve("house-prices.json"));
  }

  private static void clear() throws Exception {
    Gui.run(() -> w.document().reset(Graph.EMPTY, null, false));
  }

  private static void openAndWait(Path file) throws Exception {
    clear();
    Gui.run(() -> w.controller().openFile(file));
    Gui.waitUntil("opened " + file, 20, () -> file.equals(w.document().file()));
  }

  private static String status() throws Exception {
    return Gui.edt(() -> ((JLabel) Gui.findByName(w.frame().getRootPane(), "status")).getText());
  }

  @Test
  void anExportedPictureReopensAsTheSameGraph() throws Exception {
    Path graphFile = housePrices(tmp.resolve("picture"));
    String saved = Files.readString(graphFile);
    openAndWait(graphFile);
    Path png = tmp.resolve("picture/house-prices.png");
    Gui.run(() -> w.controller().exportImageTo(png));
    Gui.waitUntil("picture saved", 20, () -> statusNow().startsWith("Saved picture"));
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(300);

    clear();
    Gui.run(() -> w.controller().openFile(png));
    Gui.waitUntil("picture opened", 20, () -> png.toAbsolutePath().equals(w.document().origin()));
    assertThat(GraphJson.write(Gui.edt(() -> w.document().graph()))).isEqualTo(saved);
    assertThat(Gui.edt(() -> w.document().file())).as("a new, unsaved pipeline").isNull();
    assertThat(Gui.edt(() -> w.document().isModified())).isTrue();
    assertThat(status()).contains("save it under a name of your choice");
    Gui.shot(w.frame(), "sharing-01-picture-reopened");

    clear();
    assertThat(drop(png)).isTrue();
    Gui.waitUntil("dropped picture opened", 20, () -> !w.document().graph().nodes().isEmpty());
    assertThat(GraphJson.write(Gui.edt(() -> w.document().graph()))).isEqualTo(saved);

    clear();
    Path plain = tmp.resolve("holiday.png");
    ImageIO.write(new java.awt.image.BufferedImage(40, 30, 1), "png", plain.toFile());
    Gui.run(() -> w.controller().openFile(plain));
    String title = "This picture could not be opened";
    Gui.waitUntil("no-pipeline message", 20, () -> Gui.dialog(title) != null);
    String text = Gui.edt(() -> messageText(Gui.dialog(title)));
    assertThat(text)
        .startsWith("This picture holds no Blocksmith pipeline")
        .contains("holiday.png");
    Gui.shot(Gui.edt(() -> Gui.dialog(title)), "sharing-02-picture-without-pipeline");
    Gui.run(() -> Gui.dialog(title).dispose());
    assertThat(Gui.edt(() -> w.document().graph().nodes())).isEmpty();
  }

  @Test
  void aPipelineFromAPictureIsAskedAboutLikeAnOpenedFile() throws Exception {
    Path secret =
        Files.writeString(
            Files.createDirectories(tmp.resolve("private")).resolve("secret.csv"), "a,b\n1,2\n");
    Graph g =
        GraphChanges.addNode(Graph.EMPTY, "data.load-csv", new Position(40, 40))
            .withParam("load-csv", "file", TextNode.valueOf(secret.toAbsolutePath().toString()));
    List<String> asked = new ArrayList<>();
    Gui.run(
        () ->
            w.runs()
                .setPathConsent(
                    (parent, title, text) -> {
                      asked.add(text);
                      return false;
                    }));
    try {
      // The user's own new pipeline reads the file they chose without a question.
      Gui.run(() -> w.document().reset(g, null, false));
      Gui.run(() -> w.showPage(true));
      Gui.run(() -> w.controller().runAll());
      Gui.waitUntil("own pipeline ran", 20, () -> !w.runs().isRunning());
      assertThat(asked).isEmpty();
      assertThat(statusNow()).doesNotStartWith("Not run");

      Path png = tmp.resolve("downloads/from-a-stranger.png");
      Gui.run(() -> w.controller().exportImageTo(png));
      Gui.waitUntil("picture saved", 20, () -> Files.exists(png));
      clear();
      Gui.run(() -> w.controller().openFile(png));
      Gui.waitUntil("picture opened", 20, () -> png.toAbsolutePath().equals(w.document().origin()));
      Gui.run(() -> w.controller().runAll());
      Gui.waitUntil("asked", 20, () -> !asked.isEmpty());
      assertThat(asked.get(0)).contains("secret.csv", "outside its own folder");
      Gui.waitUntil("not run", 20, () -> statusNow().startsWith("Not run"));
    } finally {
      Gui.run(() -> w.runs().setPathConsent(dev.blocksmith.editor.run.PathConsent.DIALOG));
    }
  }

  @Test
  void aSharedBundleReopensFromItsOwnFolder() throws Exception {
    Path src = tmp.resolve("bundle-src");
    Path graphFile = housePrices(src);
    openAndWait(graphFile);
    Path out = tmp.resolve("sent/house-prices.blocksmith");
    SwingUtilities.invokeLater(() -> w.controller().shareBundleTo(out));
    String title = "Share as bundle";
    Gui.waitUntil("share dialog", 20, () -> Gui.dialog(title) != null);
    JDialog d = Gui.edt(() -> Gui.dialog(title));
    String contents =
        Gui.edt(
            () -> ((JTextComponent) Gui.findByName(d.getContentPane(), "shareContents")).getText());
    long csvBytes = Files.size(src.resolve("data/house-prices.csv"));
    assertThat(contents)
        .contains("house-prices.blocksmith will hold", "house-prices.json (7 blocks)")
        .contains("data/house-prices.csv")
        .contains("Data limit: 50 MB");
    assertThat(csvBytes).isGreaterThan(1024);
    assertThat(Gui.edt(() -> Gui.findByName(d.getContentPane(), "shareIncludeModel").isEnabled()))
        .as("no trained model yet")
        .isFalse();
    paint(d, "sharing-03-share-dialog");
    Gui.run(() -> button(d, "Share…").doClick());
    Gui.waitUntil("bundle written", 30, () -> statusNow().startsWith("Saved bundle"));
    assertThat(out).exists();
    assertThat(Gui.edt(() -> w.canvas().lastToast())).startsWith("Saved bundle house-prices");

    clear();
    Gui.run(() -> w.controller().openFile(out));
    Path extracted = tmp.resolve("sent/house-prices/house-prices.json").toAbsolutePath();
    Gui.waitUntil("bundle opened", 30, () -> extracted.equals(w.document().file()));
    Graph g = Gui.edt(() -> w.document().graph());
    String csv = g.node("load").orElseThrow().params().get("file").asText();
    Path data = extracted.getParent().resolve(csv);
    assertThat(data).startsWith(tmp.resolve("sent/house-prices").toAbsolutePath());
    assertThat(Files.readAllBytes(data))
        .isEqualTo(Files.readAllBytes(src.resolve("data/house-prices.csv")));
    assertThat(status()).contains("Opened the bundle into");
    Gui.shot(w.frame(), "sharing-04-bundle-opened");

    // Dropped on the canvas: the same bytes open the same folder again.
    clear();
    assertThat(drop(out)).isTrue();
    Gui.waitUntil("dropped bundle opened", 30, () -> extracted.equals(w.document().file()));
    try (Stream<Path> s = Files.list(tmp.resolve("sent"))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("house-prices.blocksmith", "house-prices");
    }
  }

  @Test
  void theTrainedModelAndTheLessonGoInWhenChosen() throws Exception {
    Path src = tmp.resolve("model-src");
    Graph g = GraphJson.read(housePrices(src));
    Path model = Files.createDirectories(src.resolve("models")).resolve("house.bsmodel");
    Files.write(model, new byte[3000]);
    Map<String, JsonNode> extras = new java.util.LinkedHashMap<>(g.extras());
    extras.put(
        "lesson",
        new ObjectMapper()
            .readTree(
                "{\"title\":\"Prices\",\"steps\":[{\"node\":\"load\",\"title\":\"Load\","
                    + "\"text\":\"Read the houses.\"}]}"));
    g = new Graph(g.name(), g.description(), g.nodes(), g.edges(), g.layout(), extras);
    g =
        g.withNode(Node.of("save", "output.save-model"))
            .withParam("save", "file", TextNode.valueOf("models/house.bsmodel"));
    Path file = src.resolve("with-model.json");
    GraphFiles.save(g, file);
    openAndWait(file);
    Path out = tmp.resolve("sent-model/with-model.blocksmith");
    SwingUtilities.invokeLater(() -> w.controller().shareBundleTo(out));
    String title = "Share as bundle";
    Gui.waitUntil("share dialog", 20, () -> Gui.dialog(title) != null);
    JDialog d = Gui.edt(() -> Gui.dialog(title));
    JCheckBox includeModel =
        Gui.edt(() -> (JCheckBox) Gui.findByName(d.getContentPane(), "shareIncludeModel"));
    JCheckBox includeLesson =
        Gui.edt(() -> (JCheckBox) Gui.findByName(d.getContentPane(), "shareIncludeLesson"));
    assertThat(Gui.edt(includeModel::isEnabled)).isTrue();
    assertThat(Gui.edt(includeModel::isSelected)).isTrue();
    assertThat(Gui.edt(includeLesson::isSelected)).isTrue();
    assertThat(contents(d))
        .contains("models/house.bsmodel   2.9 KB   (trained model)", "with its lesson");
    paint(d, "sharing-07-share-dialog-model-lesson");
    Gui.run(includeLesson::doClick);
    assertThat(contents(d)).doesNotContain("with its lesson").contains("models/house.bsmodel");
    Gui.run(() -> button(d, "Share…").doClick());
    Gui.waitUntil("bundle written", 30, () -> statusNow().startsWith("Saved bundle"));
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(out.toFile())) {
      assertThat(zip.getEntry("models/house.bsmodel")).isNotNull();
      Graph inside =
          GraphJson.read(
              new String(
                  zip.getInputStream(zip.getEntry("with-model.json")).readAllBytes(),
                  StandardCharsets.UTF_8));
      assertThat(inside.extras()).doesNotContainKey("lesson");
    }

    // Unticking the model leaves it out.
    Path out2 = tmp.resolve("sent-model/no-model.blocksmith");
    SwingUtilities.invokeLater(() -> w.controller().shareBundleTo(out2));
    Gui.waitUntil("share dialog again", 20, () -> Gui.dialog(title) != null);
    JDialog d2 = Gui.edt(() -> Gui.dialog(title));
    Gui.run(() -> ((JCheckBox) Gui.findByName(d2.getContentPane(), "shareIncludeModel")).doClick());
    assertThat(contents(d2)).doesNotContain("house.bsmodel").contains("with its lesson");
    Gui.run(() -> button(d2, "Share…").doClick());
    Gui.waitUntil("second bundle written", 30, () -> Files.exists(out2));
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(out2.toFile())) {
      assertThat(zip.getEntry("models/house.bsmodel")).isNull();
      assertThat(zip.getEntry("data/house-prices.csv")).isNotNull();
    }
  }

  /** Saves what the dialog draws (painted off-screen, so no window manager is needed). */
  private static void paint(JDialog d, String name) throws Exception {
    Files.createDirectories(Gui.SHOTS);
    java.awt.image.BufferedImage img =
        Gui.edt(
            () -> {
              var root = d.getRootPane();
              var out =
                  new java.awt.image.BufferedImage(
                      root.getWidth(), root.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
              var g2 = out.createGraphics();
              root.paint(g2);
              g2.dispose();
              return out;
            });
    ImageIO.write(img, "png", Gui.SHOTS.resolve(name + ".png").toFile());
  }

  private static String contents(JDialog d) throws Exception {
    return Gui.edt(
        () -> ((JTextComponent) Gui.findByName(d.getContentPane(), "shareContents")).getText());
  }

  @Test
  void aHostileBundleIsRefusedAndWritesNothing() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("hostile/inbox"));
    Path bundle = dir.resolve("evil.blocksmith");
    try (OutputStream raw = Files.newOutputStream(bundle);
        ZipOutputStream zip = new ZipOutputStream(raw)) {
      put(
          zip,
          "bundle.json",
          "{\"format\":\"blocksmith-bundle\",\"version\":1,\"graph\":\"g.json\"}");
      put(zip, "g.json", "{\"nodes\":[]}");
      put(zip, "../evil.txt", "<html><b>owned</b>");
    }
    clear();
    Gui.run(() -> w.controller().openFile(bundle));
    String title = "This bundle was not opened";
    Gui.waitUntil("refusal shown", 20, () -> Gui.dialog(title) != null);
    String text = Gui.edt(() -> messageText(Gui.dialog(title)));
    assertThat(text)
        .startsWith("Blocksmith did not open the bundle evil.blocksmith")
        .contains("../evil.txt", "goes up a folder", "Nothing was extracted");
    Gui.shot(Gui.edt(() -> Gui.dialog(title)), "sharing-05-hostile-bundle-refused");
    Gui.run(() -> Gui.dialog(title).dispose());
    assertThat(tmp.resolve("hostile/evil.txt")).doesNotExist();
    try (Stream<Path> s = Files.walk(tmp.resolve("hostile"))) {
      assertThat(s.map(p -> tmp.resolve("hostile").relativize(p).toString()))
          .containsExactlyInAnyOrder("", "inbox", "inbox/evil.blocksmith");
    }
    assertThat(Gui.edt(() -> w.document().graph().nodes())).isEmpty();

    // Dropped on the window (here the welcome page): the same refusal.
    Gui.run(() -> w.showPage(false));
    SwingUtilities.invokeLater(
        () ->
            w.frame()
                .getTransferHandler()
                .importData(
                    new javax.swing.TransferHandler.TransferSupport(
                        w.frame().getRootPane(), files(bundle))));
    Gui.waitUntil("refusal shown for the drop", 20, () -> Gui.dialog(title) != null);
    assertThat(Gui.edt(() -> messageText(Gui.dialog(title)))).isEqualTo(text);
    Gui.run(() -> Gui.dialog(title).dispose());
    assertThat(tmp.resolve("hostile/evil.txt")).doesNotExist();
  }

  @Test
  void aWholePipelineCopiedAsTextPastesAsOneUndoStep() throws Exception {
    Path graphFile = housePrices(tmp.resolve("paste"));
    openAndWait(graphFile);
    Graph original = Gui.edt(() -> w.document().graph());
    Gui.run(() -> w.controller().copyPipelineText());
    String text =
        Gui.edt(
            () ->
                (String)
                    Toolkit.getDefaultToolkit()
                        .getSystemClipboard()
                        .getData(DataFlavor.stringFlavor));
    assertThat(text).isEqualTo(GraphJson.write(original));

    clear();
    Gui.run(() -> w.showPage(true));
    Gui.run(() -> w.controller().paste());
    Graph pasted = Gui.edt(() -> w.document().graph());
    assertThat(pasted.nodes()).hasSameSizeAs(original.nodes());
    assertThat(pasted.edges()).hasSameSizeAs(original.edges());
    Gui.run(() -> w.controller().undo());
    assertThat(Gui.edt(() -> w.document().graph().nodes())).as("one undo step").isEmpty();

    Gui.run(
        () ->
            Toolkit.getDefaultToolkit()
                .getSystemClipboard()
                .setContents(new StringSelection("{\"nodes\": not json"), null));
    Gui.run(() -> w.controller().paste());
    assertThat(status()).startsWith("The clipboard text is not a Blocksmith pipeline");
    assertThat(Gui.edt(() -> w.document().graph().nodes())).isEmpty();
  }

  @Test
  void theFileAndEditMenusOfferSharing() throws Exception {
    Gui.run(() -> w.showPage(true));
    JMenu file = Gui.edt(() -> w.frame().getJMenuBar().getMenu(0));
    List<String> items = new ArrayList<>();
    Gui.run(
        () -> {
          for (int i = 0; i < file.getItemCount(); i++) {
            if (file.getItem(i) != null) {
              items.add(file.getItem(i).getText());
            }
          }
          file.setSelected(true);
          file.setPopupMenuVisible(true);
        });
    assertThat(items).contains("Open…", "Export image…", "Share as bundle…");
    Gui.shot(w.frame(), "sharing-06-file-menu");
    Gui.run(
        () -> {
          file.setPopupMenuVisible(false);
          file.setSelected(false);
        });
    JMenu edit = Gui.edt(() -> w.frame().getJMenuBar().getMenu(1));
    List<String> editItems = new ArrayList<>();
    Gui.run(
        () -> {
          for (int i = 0; i < edit.getItemCount(); i++) {
            if (edit.getItem(i) != null) {
              editItems.add(edit.getItem(i).getText());
            }
          }
        });
    assertThat(editItems).contains("Copy pipeline as text");
  }

  private static String statusNow() {
    return ((JLabel) Gui.findByName(w.frame().getRootPane(), "status")).getText();
  }

  private static void put(ZipOutputStream zip, String name, String text) throws Exception {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** Returns the text of the dialog's message, which must be a plain text area, never HTML. */
  private static String messageText(JDialog d) {
    JTextComponent area = find(d.getContentPane(), JTextComponent.class);
    assertThat(area).as("the message is a plain text area").isNotNull();
    return area.getText();
  }

  private static AbstractButton button(JDialog d, String text) {
    List<AbstractButton> out = new ArrayList<>();
    collect(d.getContentPane(), AbstractButton.class, out);
    return out.stream().filter(b -> text.equals(b.getText())).findFirst().orElseThrow();
  }

  private static <T> T find(Container c, Class<T> type) {
    List<T> out = new ArrayList<>();
    collect(c, type, out);
    return out.isEmpty() ? null : out.get(0);
  }

  private static <T> void collect(Container c, Class<T> type, List<T> out) {
    for (var k : c.getComponents()) {
      if (type.isInstance(k)) {
        out.add(type.cast(k));
      }
      if (k instanceof Container inner) {
        collect(inner, type, out);
      }
    }
  }

  private static Transferable files(Path file) {
    return new Transferable() {
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
  }

  /** Drops {@code file} on the canvas through its transfer handler, as a desktop drag does. */
  private static boolean drop(Path file) throws Exception {
    Transferable t = files(file);
    return Gui.edt(
        () -> {
          JComponent c = w.canvas().component();
          return c.getTransferHandler().importData(c, t);
        });
  }
}
