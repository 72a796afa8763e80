package dev.blocksmith.editor.app;

import dev.blocksmith.editor.action.*;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.editor.inspect.InspectorPanel;
import dev.blocksmith.editor.lesson.Lesson;
import dev.blocksmith.editor.lesson.LessonPanel;
import dev.blocksmith.editor.run.RunBackend;
import dev.blocksmith.editor.run.RunController;
import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.editor.theme.ToolIcon;
import dev.blocksmith.editor.theme.ToolIcon.Glyph;
import dev.blocksmith.engine.coach.Fixes;
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
  final LessonPanel lesson = new LessonPanel(id -> canvas.select(id));
  final WindowPrefs prefs = WindowPrefs.standard();
  final JLabel status = PlainText.label("Loading blocks…");
  final JLabel device = PlainText.label("Engine starting…");
  final EditorController controller;
  private static final int PALETTE_WIDTH = 240;
  private static final int INSPECTOR_WIDTH = 320;
  private static final double RESULTS_SHARE = 0.45;
  private static final double SMALL_RESULTS_SHARE = 0.38;
  private static final int SMALL_HEIGHT = 760;
  private final CardLayout cards = new CardLayout();
  private Menus menus;
  private final JPanel center = new JPanel(cards);
  private NodeRegistry registry = NodeRegistry.of(List.of());
  private final dev.blocksmith.editor.inspect.FileColumns fileColumns;
  private dev.blocksmith.editor.view.HelpView help;

  /**
   * Builds the window (on the EDT); call {@link #show()} to open it.
   *
   * @param backend where runs go: the worker JVM, or a fake in tests
   */
  public MainWindow(RunBackend backend) {
    controller = new EditorController(this);
    runs = new RunController(backend, canvas, doc, device::setText, status::setText);
    fileColumns = new dev.blocksmith.editor.inspect.FileColumns(this::refreshInspector);
    inspector =
        new InspectorPanel(
            doc,
            id -> {
              List<String> seen = runs.upstreamColumns(id);
              return seen.isEmpty() ? fileColumns.of(doc.graph(), id, baseDir()) : seen;
            },
            () -> doc.file() == null ? null : doc.file().toAbsolutePath().getParent());
    inspector.setSamples(
        id -> {
          var sample = fileColumns.sample(doc.graph(), id, baseDir());
          return sample.columns().isEmpty() ? null : sample;
        });
    inspector.setOpenDoc(this::showHelp);
    palette = new BlockPicker(id -> canvas.addBlock(id, null), true);
    welcome = new WelcomeView(controller::newPipeline, controller::open, controller::openFile);
    frame.setName("mainWindow");
    frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    frame.addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowClosing(WindowEvent e) {
            controller.quit();
          }
        });
    frame.setMinimumSize(new Dimension(960, 600));
    menus = new Menus(controller);
    frame.setJMenuBar(menus.menuBar());
    menus.showHistory("", "");
    frame.getContentPane().add(toolbar(menus), BorderLayout.NORTH);
    frame.getContentPane().add(center, BorderLayout.CENTER);
    frame.getContentPane().add(statusBar(), BorderLayout.SOUTH);
    center.add(welcome, "welcome");
    center.add(editorArea(), "editor");
    doc.addListener(this::documentChanged);
    canvas.onSelection(ids -> inspector.show(doc.graph(), ids.size() == 1 ? ids.get(0) : null));
    canvas.onSelection(ids -> runs.showResults(ids.size() == 1 ? ids.get(0) : null));
    canvas.onQuickAdd(p -> QuickAdd.show(canvas, registry, p));
    canvas.onStatus(status::setText);
    runs.resultsView()
        .onApplyFix(
            new dev.blocksmith.editor.view.FixHook() {
              @Override
              public boolean canApply(String nodeId, dev.blocksmith.engine.value.Fix fix) {
                return Fixes.applicable(doc.graph(), registry, nodeId, fix);
              }

              @Override
              public void openHelp(String key) {
                showHelp(key);
              }

              @Override
              public void apply(String nodeId, dev.blocksmith.engine.value.Fix fix) {
                doc.edit("Apply: " + fix.instruction(), g -> Fixes.apply(g, registry, nodeId, fix));
                status.setText("Applied: " + fix.instruction() + ". Undo takes it back.");
              }
            });
    runs.onResults(() -> lesson.refresh(runs.lessonState()));
    prefs.track(frame);
  }

  private JComponent editorArea() {
    JPanel left = new JPanel(new BorderLayout(0, 8));
    left.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 4));
    left.add(palette, BorderLayout.CENTER);
    JComponent minimap = canvas.createMinimap();
    minimap.setPreferredSize(new Dimension(PALETTE_WIDTH - 12, 120));
    left.add(minimap, BorderLayout.SOUTH);
    left.setMinimumSize(new Dimension(200, 200));
    left.setPreferredSize(new Dimension(PALETTE_WIDTH, 400));
    canvas.component().setMinimumSize(new Dimension(240, 160));
    runs.panel().setMinimumSize(new Dimension(240, 120));
    inspector.setMinimumSize(new Dimension(240, 200));
    inspector.setPreferredSize(new Dimension(INSPECTOR_WIDTH, 400));
    // Results span the canvas and the inspector, so metrics, matrix and curves fit side by side.
    JPanel side = new JPanel(new BorderLayout());
    side.add(lesson, BorderLayout.NORTH);
    side.add(inspector, BorderLayout.CENTER);
    side.setMinimumSize(new Dimension(240, 200));
    side.setPreferredSize(new Dimension(INSPECTOR_WIDTH, 400));
    JSplitPane top = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, canvas.component(), side);
    top.setName("inspectorSplit");
    top.setResizeWeight(1.0);
    JSplitPane vertical = new JSplitPane(JSplitPane.VERTICAL_SPLIT, top, runs.panel());
    vertical.setName("canvasResultsSplit");
    vertical.setResizeWeight(1 - RESULTS_SHARE);
    JSplitPane all = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, vertical);
    all.setName("paletteSplit");
    all.setResizeWeight(0.0);
    // Divider positions are set once the editor first has a size: before that JSplitPane would
    // squeeze the side panels to their minimum.
    all.addComponentListener(
        new java.awt.event.ComponentAdapter() {
          @Override
          public void componentResized(java.awt.event.ComponentEvent e) {
            if (all.getWidth() <= 0 || all.getHeight() <= 0) {
              return;
            }
            all.removeComponentListener(this);
            all.setDividerLocation(PALETTE_WIDTH);
            top.setDividerLocation(
                Math.max(
                    300,
                    all.getWidth() - PALETTE_WIDTH - INSPECTOR_WIDTH - 2 * all.getDividerSize()));
            // In a small window (1280 × 800) the results keep just the height of their report
            // row, so the inspector above keeps the beginner's settings in view.
            double share = all.getHeight() < SMALL_HEIGHT ? SMALL_RESULTS_SHARE : RESULTS_SHARE;
            vertical.setDividerLocation((int) (all.getHeight() * (1 - share)));
          }
        });
    return all;
  }

  private JToolBar toolbar(Menus m) {
    JToolBar bar = new JToolBar();
    bar.setFloatable(false);
    bar.setName("toolbar");
    bar.setBorder(BorderFactory.createEmptyBorder(2, 6, 2, 6));
    Action[] actions = {
      m.newPipeline,
      m.open,
      m.save,
      null,
      m.undo,
      m.redo,
      null,
      m.addBlock,
      m.tidy,
      m.fit,
      null,
      m.runAll,
      m.runToHere,
      m.cancel
    };
    Glyph[] glyphs = {
      Glyph.NEW,
      Glyph.OPEN,
      Glyph.SAVE,
      null,
      Glyph.UNDO,
      Glyph.REDO,
      null,
      Glyph.ADD,
      Glyph.TIDY,
      Glyph.FIT,
      null,
      Glyph.RUN,
      Glyph.RUN_TO,
      Glyph.STOP
    };
    for (int i = 0; i < actions.length; i++) {
      Action a = actions[i];
      if (a == null) {
        bar.addSeparator(new Dimension(14, 20));
        continue;
      }
      var b = bar.add(a);
      b.setName("tool:" + a.getValue(Action.NAME));
      b.setText((String) a.getValue(Action.NAME));
      b.setIcon(new ToolIcon(glyphs[i]));
      b.setIconTextGap(5);
      b.setHorizontalTextPosition(javax.swing.SwingConstants.RIGHT);
      b.setVerticalTextPosition(javax.swing.SwingConstants.CENTER);
      KeyStroke k = (KeyStroke) a.getValue(Action.ACCELERATOR_KEY);
      b.setToolTipText(
          a.getValue(Action.SHORT_DESCRIPTION) + (k == null ? "" : " (" + Menus.describe(k) + ")"));
      if (a == m.runAll) {
        b.setFont(b.getFont().deriveFont(java.awt.Font.BOLD));
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

  private java.nio.file.Path baseDir() {
    return doc.file() == null
        ? java.nio.file.Path.of("").toAbsolutePath()
        : doc.file().toAbsolutePath().getParent();
  }

  /** Shows the selected block's form again (a CSV header arrived, so column lists are known). */
  private void refreshInspector() {
    List<String> sel = canvas.selectedNodeIds();
    inspector.refresh(doc.graph(), sel.size() == 1 ? sel.get(0) : null);
  }

  private void documentChanged() {
    canvas.show(doc.graph());
    List<String> sel = canvas.selectedNodeIds();
    inspector.show(doc.graph(), sel.size() == 1 ? sel.get(0) : null);
    String name = doc.file() == null ? doc.graph().name() : doc.file().getFileName().toString();
    frame.setTitle((doc.isModified() ? "• " : "") + name + " — Blocksmith");
    runs.graphChanged();
    menus.showHistory(doc.undoName(), doc.redoName());
    lesson.play(Lesson.of(doc.graph()).orElse(null), doc.graph());
    lesson.refresh(runs.lessonState());
  }

  /**
   * Opens the help window at {@code key} ("block:train.train", "term:epoch", "metric:r2"), or at
   * its first entry when null.
   */
  public void showHelp(String key) {
    if (help == null) {
      help = new dev.blocksmith.editor.view.HelpView(frame);
      help.setRegistry(registry);
    }
    help.show(key);
  }

  /** Installs the blocks once they are loaded (off the EDT) and shows them in the palette. */
  public void setRegistry(NodeRegistry r) {
    registry = r;
    canvas.setRegistry(r);
    inspector.setRegistry(r);
    palette.setRegistry(r);
    runs.setRegistry(r);
    if (help != null) {
      help.setRegistry(r);
    }
    status.setText(
        r.all().size()
            + " blocks ready"
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

  /** Returns the lesson panel (hidden unless the open graph has a lesson). */
  public LessonPanel lesson() {
    return lesson;
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
