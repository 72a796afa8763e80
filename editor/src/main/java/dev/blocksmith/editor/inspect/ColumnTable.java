package dev.blocksmith.editor.inspect;

import dev.blocksmith.editor.inspect.ColumnRoles.Role;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.nodes.data.csv.CsvSample;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.util.function.BiConsumer;
import javax.swing.DefaultCellEditor;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.UIManager;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;

/**
 * The columns of a Load CSV file before anything runs: name, what the column looks like, missing
 * cells and a few values from the first rows (the name and, under it, the missing count and values,
 * so that it fits the inspector's width), and its role with a one-click choice (predict this, learn
 * from, id, leave out, group). Choosing a role calls {@code onRole}; the form is rebuilt from the
 * new params afterwards. Text from the file is shown as plain text, never as HTML.
 */
final class ColumnTable {
  /** Rows shown before the table scrolls. */
  private static final int VISIBLE_ROWS = 5;

  private static final String[] HEADERS = {"Column", "Type", "Role"};
  private static final int ROLE = 2;

  private ColumnTable() {}

  /** Returns the table for {@code sample} under the Load CSV node {@code load}. */
  static JComponent create(
      Node load, CsvSample sample, BiConsumer<CsvSample.ColumnInfo, Role> onRole) {
    Model model = new Model(load, sample, onRole);
    JTable table =
        new JTable(model) {
          private static final long serialVersionUID = 1L;

          @Override
          public String getToolTipText(java.awt.event.MouseEvent e) {
            int row = rowAtPoint(e.getPoint());
            if (row < 0) {
              return null;
            }
            CsvSample.ColumnInfo c = sample.columns().get(row);
            return c.name()
                + " ("
                + c.kind()
                + ", "
                + c.missing()
                + " missing): "
                + String.join(", ", c.preview())
                + (c.preview().isEmpty() ? "" : " … ")
                + " — "
                + ColumnRoles.why(load, c);
          }
        };
    table.setName("columnTable");
    table.putClientProperty("html.disable", Boolean.TRUE);
    table.getTableHeader().setReorderingAllowed(false);
    table
        .getTableHeader()
        .setToolTipText(
            "Each column's name, missing cells and first values in the rows read; its type; and"
                + " what it is for (click a Role to change it)");
    table.setFillsViewportHeight(true);
    int line = table.getFontMetrics(table.getFont()).getHeight();
    table.setRowHeight(2 * line + 6);
    DefaultTableCellRenderer plain = new DefaultTableCellRenderer();
    plain.putClientProperty("html.disable", Boolean.TRUE);
    table.setDefaultRenderer(Object.class, plain);
    table.getColumnModel().getColumn(0).setCellRenderer(new NameCell());
    DefaultTableCellRenderer role =
        new DefaultTableCellRenderer() {
          private static final long serialVersionUID = 1L;

          @Override
          public Component getTableCellRendererComponent(
              JTable t, Object value, boolean sel, boolean focus, int row, int col) {
            super.getTableCellRendererComponent(t, value + "  ▾", sel, focus, row, col);
            if (!sel && value == Role.PREDICT) {
              setFont(getFont().deriveFont(java.awt.Font.BOLD));
            }
            return this;
          }
        };
    role.putClientProperty("html.disable", Boolean.TRUE);
    table.getColumnModel().getColumn(ROLE).setCellRenderer(role);
    JComboBox<Role> roles = new JComboBox<>(Role.values());
    roles.setName("roleChoice");
    DefaultCellEditor editor = new DefaultCellEditor(roles);
    editor.setClickCountToStart(1);
    table.getColumnModel().getColumn(ROLE).setCellEditor(editor);
    int[] widths = {116, 72, 98};
    for (int i = 0; i < widths.length; i++) {
      table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
    }
    JScrollPane scroll = new JScrollPane(table);
    int rows = Math.min(VISIBLE_ROWS, Math.max(1, sample.columns().size()));
    scroll.setPreferredSize(
        new Dimension(
            260,
            table.getRowHeight() * rows + table.getTableHeader().getPreferredSize().height + 4));
    JPanel box = new JPanel(new BorderLayout(0, 4));
    box.setName("columnTableBox");
    // Only numbers go into this HTML (it wraps); text from the file never does.
    JLabel caption =
        new JLabel(
            String.format(
                "<html><div style='width:205px'>Columns of the file (%s%,d rows read): pick"
                    + " what each is for in the Role column.</div></html>",
                sample.more() ? "first " : "all ", sample.rows()));
    caption.setForeground(UIManager.getColor("Label.disabledForeground"));
    box.add(caption, BorderLayout.NORTH);
    box.add(scroll, BorderLayout.CENTER);
    return box;
  }

  /** A column's name, and under it its missing count and first values, all as plain text. */
  private static final class NameCell extends JPanel
      implements javax.swing.table.TableCellRenderer {
    private static final long serialVersionUID = 1L;
    private final JLabel name = new JLabel();
    private final JLabel detail = new JLabel();

    NameCell() {
      super(new java.awt.GridLayout(2, 1));
      name.putClientProperty("html.disable", Boolean.TRUE);
      detail.putClientProperty("html.disable", Boolean.TRUE);
      detail.setFont(detail.getFont().deriveFont(detail.getFont().getSize() - 1f));
      setBorder(javax.swing.BorderFactory.createEmptyBorder(2, 4, 2, 4));
      add(name);
      add(detail);
    }

    @Override
    public Component getTableCellRendererComponent(
        JTable t, Object value, boolean sel, boolean focus, int row, int col) {
      CsvSample.ColumnInfo c = (CsvSample.ColumnInfo) value;
      name.setText(c.name());
      detail.setText(
          (c.missing() == 0 ? "" : c.missing() + " missing · ") + String.join(", ", c.preview()));
      setBackground(sel ? t.getSelectionBackground() : t.getBackground());
      name.setForeground(sel ? t.getSelectionForeground() : t.getForeground());
      detail.setForeground(
          sel ? t.getSelectionForeground() : UIManager.getColor("Label.disabledForeground"));
      return this;
    }
  }

  /** The rows: one per column of the file. */
  private static final class Model extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private final transient Node load;
    private final transient CsvSample sample;
    private final transient BiConsumer<CsvSample.ColumnInfo, Role> onRole;

    Model(Node load, CsvSample sample, BiConsumer<CsvSample.ColumnInfo, Role> onRole) {
      this.load = load;
      this.sample = sample;
      this.onRole = onRole;
    }

    @Override
    public int getRowCount() {
      return sample.columns().size();
    }

    @Override
    public int getColumnCount() {
      return HEADERS.length;
    }

    @Override
    public String getColumnName(int col) {
      return HEADERS[col];
    }

    @Override
    public boolean isCellEditable(int row, int col) {
      return col == ROLE;
    }

    @Override
    public Object getValueAt(int row, int col) {
      CsvSample.ColumnInfo c = sample.columns().get(row);
      return switch (col) {
        case 0 -> c;
        case 1 -> c.kind();
        default -> ColumnRoles.of(load, c);
      };
    }

    @Override
    public void setValueAt(Object value, int row, int col) {
      if (col == ROLE && value instanceof Role r && r != getValueAt(row, col)) {
        onRole.accept(sample.columns().get(row), r);
      }
    }
  }
}
