package dev.blocksmith.editor.app;

import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import java.awt.BorderLayout;
import java.awt.Cursor;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.SwingWorker;
import javax.swing.UIManager;

/** The start page: New, Open, recent files and a gallery of example and lesson pipelines. */
public final class WelcomeView extends JPanel {
  private record Entry(Path file, String name, String description, boolean lesson) {}

  private final JPanel recent = new JPanel();
  private final JPanel gallery = new JPanel(new GridLayout(0, 3, 12, 12));
  private final Consumer<Path> open;

  /** Creates the page; {@code open} opens a file, the runnables start a new or chosen pipeline. */
  public WelcomeView(Runnable newPipeline, Runnable chooseFile, Consumer<Path> open) {
    super(new BorderLayout());
    this.open = open;
    setName("welcome");
    JPanel page = new JPanel();
    page.setLayout(new BoxLayout(page, BoxLayout.Y_AXIS));
    page.setBorder(BorderFactory.createEmptyBorder(32, 48, 32, 48));
    JLabel title = new JLabel("Blocksmith");
    title.setFont(title.getFont().deriveFont(Font.BOLD, 28f));
    page.add(left(title));
    page.add(
        left(
            new JLabel(
                "Train real models by connecting blocks: data → split → train →"
                    + " evaluate. Press Run and watch each block work.")));
    page.add(Box.createVerticalStrut(16));
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
    JButton create = new JButton("New pipeline");
    create.setName("welcomeNew");
    create.setToolTipText("Start with an empty canvas");
    create.addActionListener(e -> newPipeline.run());
    JButton choose = new JButton("Open…");
    choose.setToolTipText("Open a pipeline file");
    choose.addActionListener(e -> chooseFile.run());
    buttons.add(create);
    buttons.add(Box.createHorizontalStrut(8));
    buttons.add(choose);
    page.add(left(buttons));
    page.add(Box.createVerticalStrut(20));
    page.add(left(heading("Recent")));
    recent.setLayout(new BoxLayout(recent, BoxLayout.Y_AXIS));
    page.add(left(recent));
    page.add(Box.createVerticalStrut(20));
    page.add(left(heading("Examples and lessons")));
    page.add(left(gallery));
    JScrollPane scroll = new JScrollPane(page);
    scroll.setBorder(null);
    scroll.getVerticalScrollBar().setUnitIncrement(16);
    add(scroll, BorderLayout.CENTER);
  }

  /** Refreshes the recent list and (in the background) the gallery of {@code graphsDir}. */
  public void refresh(List<String> recentFiles, Path graphsDir) {
    recent.removeAll();
    if (recentFiles.isEmpty()) {
      recent.add(muted("Nothing opened yet."));
    }
    for (String f : recentFiles) {
      recent.add(link(Path.of(f).getFileName().toString(), f, Path.of(f)));
    }
    recent.revalidate();
    new SwingWorker<List<Entry>, Void>() {
      @Override
      protected List<Entry> doInBackground() {
        List<Entry> out = new ArrayList<>();
        scan(graphsDir, false, out);
        scan(graphsDir.resolve("lessons"), true, out);
        return out;
      }

      @Override
      protected void done() {
        gallery.removeAll();
        try {
          List<Entry> entries = get();
          if (entries.isEmpty()) {
            gallery.add(muted("No examples found in " + graphsDir));
          }
          entries.forEach(e -> gallery.add(card(e)));
        } catch (Exception e) {
          gallery.add(muted("Examples could not be read: " + e.getMessage()));
        }
        gallery.revalidate();
        gallery.repaint();
      }
    }.execute();
  }

  private static void scan(Path dir, boolean lesson, List<Entry> out) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          Graph g = GraphJson.read(f);
          out.add(new Entry(f, g.name(), g.description(), lesson));
        } catch (Exception e) {
          out.add(
              new Entry(
                  f, f.getFileName().toString(), "Could not be read: " + e.getMessage(), lesson));
        }
      }
    } catch (java.io.IOException e) {
      // an unreadable folder just shows no examples
    }
  }

  private JPanel card(Entry e) {
    JPanel c = new JPanel(new BorderLayout(0, 4));
    c.setName("example:" + e.file().getFileName());
    c.setBorder(
        BorderFactory.createCompoundBorder(
            BorderFactory.createLineBorder(UIManager.getColor("Component.borderColor"), 1, true),
            BorderFactory.createEmptyBorder(10, 12, 10, 12)));
    JLabel name = PlainText.label((e.lesson() ? "Lesson · " : "") + e.name());
    name.setFont(name.getFont().deriveFont(Font.BOLD));
    c.add(name, BorderLayout.NORTH);
    c.add(
        new JLabel(
            "<html><div style='width:220px'>"
                + PlainText.escape(e.description())
                + "</div></html>"),
        BorderLayout.CENTER);
    c.setCursor(Cursor.getPredefinedCursor(Cursor.HAND_CURSOR));
    c.setToolTipText(PlainText.tip("Open " + e.file().getFileName()));
    c.addMouseListener(
        new MouseAdapter() {
          @Override
          public void mouseClicked(MouseEvent ev) {
            open.accept(e.file());
          }
        });
    return c;
  }

  private JLabel link(String text, String tooltip, Path file) {
    JLabel l = new JLabel("<html><a href='#'>" + PlainText.escape(text) + "</a></html>");
    l.setToolTipText(PlainText.tip(tooltip));
    l.setCursor(Cursor.getPredefinedCursor(Cursor.HAND_CURSOR));
    l.addMouseListener(
        new MouseAdapter() {
          @Override
          public void mouseClicked(MouseEvent ev) {
            open.accept(file);
          }
        });
    return l;
  }

  private static JLabel heading(String s) {
    JLabel l = new JLabel(s);
    l.setFont(l.getFont().deriveFont(Font.BOLD, 16f));
    return l;
  }

  private static JLabel muted(String s) {
    JLabel l = new JLabel(s);
    l.setForeground(UIManager.getColor("Label.disabledForeground"));
    return l;
  }

  private static <T extends javax.swing.JComponent> T left(T c) {
    c.setAlignmentX(LEFT_ALIGNMENT);
    return c;
  }
}
