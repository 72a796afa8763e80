package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.Main;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.engine.home.AllowedFolders;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Table;
import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import javax.swing.JToolTip;
import javax.swing.SwingUtilities;
import javax.swing.ToolTipManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline from someone else, opened and shown in the real editor window: lesson text, node
 * titles and tooltips holding {@code <img src=http://127.0.0.1:PORT/...>} make no request to a
 * local server (a label that does render HTML is the control: it does fetch); and a pipeline that
 * reads a file outside its folder runs only after the Allow / Cancel dialog.
 */
class UntrustedTextGuiTest {
  @TempDir Path tmp;
  private HttpServer server;
  private final Queue<String> requests = new ConcurrentLinkedQueue<>();
  private MainWindow w;

  static final Param<String> FILE =
      Param.file("file").setLabel("Data file").setHelp("The file to read.").build();

  /** A reader with a file param, so the path check has something to check. */
  static final class ReadFile implements NodeType {
    static final NodeSpec SPEC =
        NodeSpec.builder("data.read-file")
            .setDisplayName("Read file")
            .setCategory(Category.DATA)
            .setSummary("Reads a file.")
            .setWhatItDoes("Reads the rows of a file.")
            .addOutput(Port.of("table", PortType.TABLE, Table.class, "Table", "The rows."))
            .addParam(FILE)
            .build();

    @Override
    public NodeSpec spec() {
      return SPEC;
    }

    @Override
    public Map<String, Object> execute(Inputs in, Params p, NodeContext ctx) {
      return Map.of();
    }
  }

  private static NodeRegistry blocks() {
    List<NodeType> all = new ArrayList<>(TestBlocks.registry().all());
    all.add(new ReadFile());
    return NodeRegistry.of(all);
  }

  @AfterEach
  void close() throws Exception {
    if (w != null) {
      Gui.run(() -> w.frame().dispose());
    }
    if (server != null) {
      server.stop(0);
    }
  }

  private String img(String path) {
    return "<html><img src=http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + ">";
  }

  private String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fileTextWithAnImageFetchesNothingAndOutsidePathsAreAskedFor() throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.add(ex.getRequestURI().getPath());
          ex.sendResponseHeaders(404, -1);
          ex.close();
        });
    server.start();
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-untrusted-test");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("data.csv"), "x\n1\n");
    Path graph = Files.createDirectories(tmp.resolve("pipeline")).resolve("shared.json");
    Files.writeString(
        graph,
        "{\"formatVersion\": 2, \"name\": "
            + json(img("name"))
            + ", \"description\": "
            + json(img("description"))
            + ", \"nodes\": ["
            + "{\"id\": \"sample\", \"type\": \"data.sample\", \"typeVersion\": 1, \"label\": "
            + json(img("label"))
            + ", \"params\": {}},"
            + "{\"id\": \"split\", \"type\": \"prepare.split\", \"typeVersion\": 1, \"params\":"
            + " {}},"
            + "{\"id\": \"read\", \"type\": \"data.read-file\", \"typeVersion\": 1, \"params\":"
            + " {\"file\": "
            + json(outside.resolve("data.csv").toString())
            + "}}],"
            + "\"edges\": [{\"from\": \"sample.table\", \"to\": \"split.data\"}],"
            + "\"lesson\": {\"title\": "
            + json(img("lesson-title"))
            + ", \"summary\": "
            + json(img("summary"))
            + ", \"steps\": ["
            + "{\"node\": \"sample\", \"title\": "
            + json(img("step-title"))
            + ", \"text\": "
            + json("Look: " + img("step-text-inline"))
            + "},"
            + "{\"node\": \"split\", \"title\": \"Two\", \"text\": "
            + json(img("step-text"))
            + "}]}}");

    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(UntrustedTextGuiTest::blocks, FakeBackend::new, ready::complete);
    w = ready.get(30, TimeUnit.SECONDS);
    CanvasView canvas = w.canvas();
    Gui.waitUntil("blocks loaded", 20, () -> canvas.registry().find("data.read-file").isPresent());

    // The lesson, through the editor's real lesson UI: every step shown.
    Gui.run(() -> w.controller().openFile(graph));
    Gui.waitUntil("lesson shown", 10, () -> w.lesson().isShowing());
    Gui.waitUntil("card shown", 10, () -> canvas.cardLocation("sample") != null);
    Gui.shot(w.frame(), "untrusted-01-lesson-step-1");
    AbstractButton next =
        (AbstractButton) Gui.edt(() -> Gui.findByName(w.frame().getRootPane(), "lessonNext"));
    Gui.run(next::doClick);
    Gui.waitUntil("second step", 5, () -> w.lesson().step() == 1);
    Gui.run(() -> canvas.select("sample"));
    assertThat(Gui.edt(() -> canvas.cardText("sample"))).contains("<img src=");

    // The card's tooltip, shown by hovering with the real mouse.
    Gui.run(
        () -> {
          ToolTipManager.sharedInstance().setInitialDelay(0);
          ToolTipManager.sharedInstance().setEnabled(true);
        });
    Point card = Gui.edt(() -> Gui.screen(canvas, canvas.cardLocation("sample")));
    Robot robot = new Robot();
    robot.mouseMove(card.x - 4, card.y);
    robot.waitForIdle();
    robot.mouseMove(card.x, card.y);
    robot.waitForIdle();
    Gui.waitUntil("tooltip shown", 10, () -> showingToolTip() != null);
    String tip = Gui.edt(() -> showingToolTip().getTipText());
    assertThat(tip).contains("&lt;img src=http://127.0.0.1:");
    Gui.shot(w.frame(), "untrusted-02-card-tooltip");

    // The control: a label that renders the same markup as HTML does fetch it, so a silent
    // server above means nothing was fetched, not that fetching cannot be seen.
    Gui.run(
        () -> {
          JLabel control = new JLabel(img("control"));
          control.setSize(control.getPreferredSize());
          BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
          control.paint(image.getGraphics());
        });
    Gui.waitUntil("the control fetched its image", 30, () -> requests.contains("/control"));
    assertThat(requests).as("requests other than the control").containsOnly("/control");

    // A file outside the pipeline's folder: the run asks first; Cancel runs nothing.
    SwingUtilities.invokeLater(() -> w.controller().runAll());
    JDialog ask = waitForDialog("Allow this pipeline to use these files?");
    String question =
        Gui.edt(() -> ((JTextArea) Gui.findByName(ask.getRootPane(), "pathConsentText")).getText());
    assertThat(question)
        .contains("outside its own folder")
        .contains("reads " + outside.resolve("data.csv"))
        .contains("(Read file, \"Data file\")");
    Gui.shot(ask, "untrusted-03-path-consent");
    Gui.run(() -> button(ask, "Cancel").doClick());
    Gui.waitUntil("not run", 5, () -> status().startsWith("Not run"));
    assertThat(AllowedFolders.read()).isEmpty();

    // Allow: the folder is remembered and the run starts.
    SwingUtilities.invokeLater(() -> w.controller().runAll());
    JDialog again = waitForDialog("Allow this pipeline to use these files?");
    Gui.run(() -> button(again, "Allow").doClick());
    Gui.waitUntil("run started", 10, () -> w.runs().isRunning() || !status().startsWith("Not"));
    assertThat(AllowedFolders.read()).containsExactly(outside.toRealPath());
    assertThat(requests).containsOnly("/control");
  }

  private String status() {
    return ((JLabel) Gui.findByName(w.frame().getRootPane(), "status")).getText();
  }

  private static JToolTip showingToolTip() {
    for (Window win : Window.getWindows()) {
      JToolTip t = find(win, JToolTip.class);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static JDialog waitForDialog(String title) throws Exception {
    JDialog[] found = {null};
    Gui.waitUntil(
        "dialog " + title,
        10,
        () -> {
          for (Window win : Window.getWindows()) {
            if (win instanceof JDialog d && d.isShowing() && title.equals(d.getTitle())) {
              found[0] = d;
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  private static AbstractButton button(Container root, String text) {
    for (Component c : root.getComponents()) {
      if (c instanceof AbstractButton b && text.equals(b.getText())) {
        return b;
      }
      if (c instanceof Container k) {
        AbstractButton b = button(k, text);
        if (b != null) {
          return b;
        }
      }
    }
    return null;
  }

  private static <T extends Component> T find(Container root, Class<T> type) {
    for (Component c : root.getComponents()) {
      if (type.isInstance(c) && c.isShowing()) {
        return type.cast(c);
      }
      if (c instanceof Container k) {
        T t = find(k, type);
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }
}
