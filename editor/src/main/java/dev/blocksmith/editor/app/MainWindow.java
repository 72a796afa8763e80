package dev.blocksmith.editor.app;

import dev.blocksmith.editor.action.*;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.editor.inspect.InspectorPanel;
import dev.blocksmith.editor.run.RunController;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.List;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.WindowConstants;

/** The editor window: palette, canvas with minimap, inspector, run panels, menus and toolbar. */
public final class MainWindow {
  final JFrame frame = new JFrame("Blocksmith");
  final Document doc = new Document();
  final CanvasView canvas = new CanvasView(doc);
  final BlockPicker palette;
  final InspectorPanel inspector;
  final RunController runs;
  final WelcomeView welcome;
  final WindowPrefs prefs = WindowPrefs.standard();
  final JLabel status = new JLabel("Loading blocks…");
  final JLabel device = new JLabel("Engine starting…");
  final EditorController controller;
  private final CardLayout cards = new CardLayout();
  private final JPanel center = new JPanel(cards);
  private NodeRegistry registry = NodeRegistry.of(List.of());

  /** Builds the window (on the EDT); call {@link #show()} to open it. */
  public MainWindow() {
    controller = new EditorController(this);
    runs = new RunController(canvas, doc, device::setText, status::setText);
    inspector = new InspectorPanel(doc, runs::upstreamColumns);
    palette = new BlockPicker(id -> canvas.addBlock(id, null), true);
    welcome = new WelcomeView(controller::newPipeline, controller::open, controller::openFile);
    frame.setName("mainWindow");
    frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosing(WindowEvent e) {
        controller.quit();
      }
    });
    frame.setMinimumSize(new Dimension(960, 600));
    Menus menus = new Menus(controller);
    frame.setJMenuBar(menus.menuBar());
    frame.getContentPane().add(toolbar(menus), BorderLayout.NORTH);
    frame.getContentPane().add(center, BorderLayout.CENTER);
    frame.getContentPane().add(statusBar(), BorderLayout.SOUTH);
    center.add(welcome, "welcome");
    center.add(editorArea(), "editor");
    bindEscape(menus.cancel);
    doc.addListener(this::documentChanged);
    canvas.onSelection(ids -> inspector.show(doc.graph(), ids.size() == 1 ? ids.get(0) : null));
    canvas.onSelection(ids -> runs.showResults(ids.size() == 1 ? ids.get(0) : null));
    canvas.onQuickAdd(p -> QuickAdd.show(canvas, registry, p));
    canvas.onStatus(status::setText);
    prefs.track(frame);
  }

  private JComponent editorArea() {
    JPanel left = new JPanel(new BorderLayout(0, 8));
    left.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 4));
    left.add(palette, BorderLayout.CENTER);
    JComponent minimap = canvas.createMinimap();
    minimap.setPreferredSize(new Dimension(220, 140));
    left.add(minimap, BorderLayout.SOUTH);
    left.setPreferredSize(new Dimension(250, 400));
    JSplitPane vertical = new JSplitPane(JSplitPane.VERTICAL_SPLIT, canvas.component(),
        runs.panel());
    vertical.setResizeWeight(0.72);
    vertical.setDividerLocation(470);
    inspector.setPreferredSize(new Dimension(310, 400));
    JSplitPane right = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, vertical, inspector);
    right.setResizeWeight(1.0);
    JSplitPane all = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, right);
    all.setResizeWeight(0.0);
    return all;
  }

  private JToolBar toolbar(Menus m) {
    JToolBar bar = new JToolBar();
    bar.setFloatable(false);
    bar.setName("toolbar");
    for (Action a : new Action[] {m.newPipeline, m.open, m.save, null, m.undo, m.redo, null,
        m.addBlock, m.tidy, m.fit, null, m.runAll, m.runToHere, m.cancel}) {
      if (a == null) {
        bar.addSeparator();
      } else {
        var b = bar.add(a);
        b.setName("tool:" + a.getValue(Action.NAME));
        b.setText((String) a.getValue(Action.NAME));
        KeyStroke k = (KeyStroke) a.getValue(Action.ACCELERATOR_KEY);
        b.setToolTipText(a.getValue(Action.SHORT_DESCRIPTION)
            + (k == null ? "" : " (" + Menus.describe(k) + ")"));
      }
    }
    return bar;
  }

  private JComponent statusBar() {
    JPanel bar = new JPanel(new BorderLayout());
    bar.setBorder(BorderFactory.createEmptyBorder(3, 10, 3, 10));
    status.setName("status");
    device.setName("device");
    device.setToolTipText("Where training runs");
    bar.add(status, BorderLayout.CENTER);
    bar.add(device, BorderLayout.EAST);
    return bar;
  }

  private void bindEscape(Action cancel) {
    JComponent root = frame.getRootPane();
    root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
        .put(KeyStroke.getKeyStroke("ESCAPE"), "cancelRun");
    root.getActionMap().put("cancelRun", cancel);
  }

  private void documentChanged() {
    canvas.show(doc.graph());
    List<String> sel = canvas.selectedNodeIds();
    inspector.show(doc.graph(), sel.size() == 1 ? sel.get(0) : null);
    String name = doc.file() == null ? doc.graph().name() : doc.file().getFileName().toString();
    frame.setTitle((doc.isModified() ? "• " : "") + name + " — Blocksmith");
    runs.graphChanged();
  }

  /** Installs the blocks once they are loaded (off the EDT) and shows them in the palette. */
  public void setRegistry(NodeRegistry r) {
    registry = r;
    canvas.setRegistry(r);
    inspector.setRegistry(r);
    palette.setRegistry(r);
    runs.setRegistry(r);
    status.setText(r.all().size() + " blocks ready"
        + (r.loadProblems().isEmpty() ? "" : " (" + r.loadProblems().size() + " problems)"));
  }

  /** Shows the welcome page or the editor. */
  public void showPage(boolean editor) {
    cards.show(center, editor ? "editor" : "welcome");
    if (!editor) {
      welcome.refresh(prefs.recent(), Home.graphsDir());
    }
  }

  /** Opens the window. */
  public void show() {
    documentChanged();
    showPage(false);
    frame.setVisible(true);
  }

  /** Returns the frame. */
  public JFrame frame() {
    return frame;
  }

  /** Returns the document. */
  public Document document() {
    return doc;
  }

  /** Returns the canvas. */
  public CanvasView canvas() {
    return canvas;
  }

  /** Returns the run controller. */
  public RunController runs() {
    return runs;
  }

  /** Returns the controller behind the actions. */
  public EditorController controller() {
    return controller;
  }
}
