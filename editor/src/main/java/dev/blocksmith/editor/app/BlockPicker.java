package dev.blocksmith.editor.app;

import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.NodeSpec;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.TransferHandler;

/**
 * A searchable list of blocks grouped by category. Type to filter, Enter or double-click adds the
 * highlighted block; blocks can also be dragged onto the canvas.
 */
public final class BlockPicker extends JPanel {
  private final JTextField search = new JTextField();
  private final DefaultListModel<Object> items = new DefaultListModel<>();
  private final JList<Object> list = new JList<>(items);
  private final Consumer<String> onPick;
  private List<NodeSpec> specs = List.of();

  /** Creates a picker that calls {@code onPick} with a block's type id. */
  public BlockPicker(Consumer<String> onPick, boolean draggable) {
    super(new BorderLayout(0, 6));
    this.onPick = onPick;
    search.setName("paletteSearch");
    search.putClientProperty("JTextField.placeholderText", "Search blocks…");
    search.putClientProperty("JTextField.showClearButton", true);
    search.setToolTipText("Type to filter the blocks; Enter adds the first match");
    list.setName("paletteList");
    list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    list.setCellRenderer(new Renderer());
    javax.swing.ToolTipManager.sharedInstance().registerComponent(list);
    add(search, BorderLayout.NORTH);
    JScrollPane scroll = new JScrollPane(list);
    scroll.setHorizontalScrollBarPolicy(JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
    scroll.getVerticalScrollBar().setUnitIncrement(16);
    add(scroll, BorderLayout.CENTER);
    dev.blocksmith.editor.theme.TextChanges.onChange(search, this::refill);
    search.addActionListener(e -> pickSelected());
    search.addKeyListener(
        new java.awt.event.KeyAdapter() {
          @Override
          public void keyPressed(KeyEvent e) {
            if (e.getKeyCode() == KeyEvent.VK_DOWN || e.getKeyCode() == KeyEvent.VK_UP) {
              move(e.getKeyCode() == KeyEvent.VK_DOWN ? 1 : -1);
              e.consume();
            }
          }
        });
    list.addMouseListener(
        new MouseAdapter() {
          @Override
          public void mouseClicked(MouseEvent e) {
            if (e.getClickCount() == 2) {
              pickSelected();
            }
          }
        });
    list.addKeyListener(
        new java.awt.event.KeyAdapter() {
          @Override
          public void keyPressed(KeyEvent e) {
            if (e.getKeyCode() == KeyEvent.VK_ENTER) {
              pickSelected();
            }
          }
        });
    if (draggable) {
      list.setDragEnabled(true);
      list.setTransferHandler(
          new TransferHandler() {
            @Override
            public int getSourceActions(JComponent c) {
              return COPY;
            }

            @Override
            protected Transferable createTransferable(JComponent c) {
              return list.getSelectedValue() instanceof NodeSpec s
                  ? new StringSelection("block:" + s.id())
                  : null;
            }
          });
    }
  }

  /** Shows the blocks of {@code registry}. */
  public void setRegistry(NodeRegistry registry) {
    specs =
        registry.all().stream()
            .map(t -> t.spec())
            .sorted(Comparator.comparing(NodeSpec::category))
            .toList();
    refill();
  }

  /** Returns the search field. */
  public JTextField searchField() {
    return search;
  }

  /** Returns the list, for tests. */
  public JList<Object> blockList() {
    return list;
  }

  private void refill() {
    String q = search.getText().trim().toLowerCase(Locale.ROOT);
    items.clear();
    Category current = null;
    List<Object> out = new ArrayList<>();
    for (NodeSpec s : specs) {
      String hay =
          (s.displayName() + " " + s.summary() + " " + s.id() + " " + s.category().label())
              .toLowerCase(Locale.ROOT);
      if (!q.isEmpty() && !hay.contains(q)) {
        continue;
      }
      if (s.category() != current) {
        current = s.category();
        out.add(current);
      }
      out.add(s);
    }
    out.forEach(items::addElement);
    move(1);
  }

  private void move(int dir) {
    int i = list.getSelectedIndex();
    int n = items.size();
    for (int k = 0; k < n; k++) {
      i = i < 0 ? (dir > 0 ? 0 : n - 1) : (i + dir + n) % n;
      if (items.get(i) instanceof NodeSpec) {
        list.setSelectedIndex(i);
        list.ensureIndexIsVisible(i);
        return;
      }
    }
  }

  private void pickSelected() {
    if (list.getSelectedValue() instanceof NodeSpec s) {
      onPick.accept(s.id());
    }
  }

  private static final class Renderer extends DefaultListCellRenderer {
    private static final int TEXT_WIDTH = 122;

    @Override
    public Component getListCellRendererComponent(
        JList<?> l, Object value, int index, boolean selected, boolean focus) {
      if (value instanceof Category c) {
        JLabel h =
            (JLabel)
                super.getListCellRendererComponent(
                    l, c.label().toUpperCase(Locale.ROOT), index, false, false);
        h.setFont(h.getFont().deriveFont(java.awt.Font.BOLD, h.getFont().getSize() - 1f));
        h.setBorder(BorderFactory.createEmptyBorder(8, 4, 2, 4));
        h.setIcon(null);
        h.setToolTipText(null);
        return h;
      }
      NodeSpec s = (NodeSpec) value;
      // A fixed text width makes the summary wrap inside the palette instead of being clipped.
      JLabel label =
          (JLabel)
              super.getListCellRendererComponent(
                  l,
                  "<html><div style='width:"
                      + TEXT_WIDTH
                      + "px'><b>"
                      + PlainText.escape(s.displayName())
                      + "</b><br><font size='-1'>"
                      + PlainText.escape(s.summary())
                      + "</font></div></html>",
                  index,
                  selected,
                  focus);
      label.setIcon(new CategoryIcon(s.category(), 22));
      label.setIconTextGap(8);
      label.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 4));
      label.setToolTipText(
          "<html><div style='width:280px'><b>"
              + PlainText.escape(s.displayName())
              + "</b> — "
              + PlainText.escape(s.summary())
              + "<br><br>"
              + PlainText.escape(s.whatItDoes())
              + "<br><i>Drag onto the canvas or double-click to add.</i></div></html>");
      return label;
    }
  }
}
