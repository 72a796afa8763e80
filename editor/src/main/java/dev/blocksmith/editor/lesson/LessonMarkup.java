package dev.blocksmith.editor.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.swing.text.BadLocationException;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;

/**
 * The little markup a lesson text may use ({@code <b>}, {@code <i>}, {@code <code>}, {@code <br>}),
 * turned into styled runs of plain text. Lesson files come from other people, so nothing here is
 * ever handed to Swing's HTML renderer: any other tag, an entity or a stray {@code <} is shown as
 * the characters it is, and an unclosed tag simply runs to the end of the text.
 */
public final class LessonMarkup {
  private static final Pattern TAG = Pattern.compile("<(/?)(b|i|code|br)\\s*/?>");

  /** One piece of text and how it is drawn. */
  public record Run(String text, boolean bold, boolean italic, boolean code) {}

  private LessonMarkup() {}

  /** Splits {@code text} into runs; the tags themselves are dropped, {@code <br>} becomes "\n". */
  public static List<Run> parse(String text) {
    List<Run> runs = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return runs;
    }
    int bold = 0;
    int italic = 0;
    int code = 0;
    Matcher m = TAG.matcher(text);
    int at = 0;
    StringBuilder pending = new StringBuilder();
    while (m.find()) {
      pending.append(text, at, m.start());
      at = m.end();
      String name = m.group(2).toLowerCase(Locale.ROOT);
      boolean closing = !m.group(1).isEmpty();
      if (name.equals("br")) {
        pending.append('\n');
        continue;
      }
      add(runs, pending, bold > 0, italic > 0, code > 0);
      int d = closing ? -1 : 1;
      switch (name) {
        case "b" -> bold = Math.max(0, bold + d);
        case "i" -> italic = Math.max(0, italic + d);
        default -> code = Math.max(0, code + d);
      }
    }
    pending.append(text, at, text.length());
    add(runs, pending, bold > 0, italic > 0, code > 0);
    return runs;
  }

  /** Returns the text as a reader sees it, without any styling. */
  public static String plain(String text) {
    StringBuilder sb = new StringBuilder();
    parse(text).forEach(r -> sb.append(r.text()));
    return sb.toString();
  }

  /** Replaces the whole content of {@code doc} with {@code text}, styled. */
  public static void render(String text, StyledDocument doc) {
    try {
      doc.remove(0, doc.getLength());
      for (Run r : parse(text)) {
        SimpleAttributeSet a = new SimpleAttributeSet();
        StyleConstants.setBold(a, r.bold());
        StyleConstants.setItalic(a, r.italic());
        if (r.code()) {
          StyleConstants.setFontFamily(a, "Monospaced");
        }
        doc.insertString(doc.getLength(), r.text(), a);
      }
    } catch (BadLocationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void add(
      List<Run> runs, StringBuilder pending, boolean bold, boolean italic, boolean code) {
    if (pending.length() > 0) {
      runs.add(new Run(pending.toString(), bold, italic, code));
      pending.setLength(0);
    }
  }
}
