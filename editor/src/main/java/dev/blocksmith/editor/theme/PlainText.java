package dev.blocksmith.editor.theme;

import java.awt.Component;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.UIManager;
import javax.swing.table.TableCellRenderer;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Text from files (graph and node names, param values, lesson text, column names, cell values,
 * error messages) is shown as text: Swing renders any label, tooltip or cell whose text starts with
 * {@code <html>} as HTML, and HTML can fetch images from the network or a local server. So
 * components that show such text get the {@code html.disable} client property, and where the editor
 * formats with HTML itself, every piece of file text in it goes through {@link #escape}
 * (commons-text) first.
 */
public final class PlainText {
  private static final String HTML_DISABLE = "html.disable";

  private PlainText() {}

  /** Marks a component so its text is never read as HTML; returns it. */
  public static <T extends JComponent> T plain(T c) {
    c.putClientProperty(HTML_DISABLE, Boolean.TRUE);
    return c;
  }

  /** Returns a label that shows {@code text} as it is. */
  public static JLabel label(String text) {
    JLabel l = plain(new JLabel());
    l.setText(text);
    return l;
  }

  /** Returns {@code text} with HTML's special characters escaped, for the editor's own markup. */
  public static String escape(String text) {
    return StringEscapeUtils.escapeHtml4(text == null ? "" : text);
  }

  /**
   * Returns a tooltip text that shows {@code text} as it is (tooltips ignore their component's
   * {@code html.disable}, so the text is escaped inside markup instead; line breaks are kept).
   */
  public static String tip(String text) {
    return text == null || text.isEmpty()
        ? null
        : "<html>" + escape(text).replace("\n", "<br>") + "</html>";
  }

  /**
   * Returns a message component for a dialog that shows {@code text} as it is (a plain string given
   * to {@code JOptionPane} is rendered as HTML when it starts with {@code <html>}).
   */
  public static JComponent message(String text) {
    JTextArea area = plain(new JTextArea(text == null ? "" : text));
    area.setEditable(false);
    area.setOpaque(false);
    area.setLineWrap(true);
    area.setWrapStyleWord(true);
    area.setColumns(Math.min(60, Math.max(20, area.getText().length())));
    area.setFont(UIManager.getFont("Label.font"));
    area.setBorder(null);
    return area;
  }

  /**
   * Makes a table show its cells and column names as text: its default renderers and its header's
   * renderer get {@code html.disable} before anything is drawn. Returns the table.
   */
  public static JTable plain(JTable table) {
    table.putClientProperty(HTML_DISABLE, Boolean.TRUE);
    for (Class<?> c : new Class<?>[] {Object.class, String.class, Number.class, Double.class}) {
      if (table.getDefaultRenderer(c) instanceof JComponent r) {
        plain(r);
      }
    }
    if (table.getTableHeader() != null) {
      TableCellRenderer h = table.getTableHeader().getDefaultRenderer();
      Component c = h.getTableCellRendererComponent(table, "", false, false, -1, 0);
      if (c instanceof JComponent jc) {
        plain(jc);
      }
    }
    return table;
  }

  /** Makes a combo box show its items as text (its renderer gets {@code html.disable}). */
  public static <T> JComboBox<T> plain(JComboBox<T> box) {
    box.putClientProperty(HTML_DISABLE, Boolean.TRUE);
    Component c =
        box.getRenderer().getListCellRendererComponent(new JList<>(), null, -1, false, false);
    if (c instanceof JComponent jc) {
      plain(jc);
    }
    return box;
  }
}
