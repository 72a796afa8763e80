package dev.blocksmith.engine.text;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Makes text from files safe to print on a terminal: control characters (ESC sequences that move
 * the cursor, change colours or set the window title, backspaces, carriage returns, bidi overrides)
 * are replaced with a visible placeholder, so a CSV header or a block label cannot rewrite what the
 * user sees.
 */
public final class Terminal {
  private Terminal() {}

  /** Returns {@code s} with every control or format character (except tab) shown as {@code ?}. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int type = Character.getType(c);
      boolean bad =
          c != '\t'
              && c != '\n'
              && (type == Character.CONTROL
                  || type == Character.FORMAT
                  || c == '\u2028'
                  || c == '\u2029');
      if (bad && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(bad ? '?' : c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** Returns {@link #clean} of {@code s} with line breaks also replaced, for one-line output. */
  public static String oneLine(String s) {
    return s == null ? null : clean(s).replace('\n', '?');
  }

  /**
   * Returns a stream that passes everything to {@code out} except control bytes: C0 controls other
   * than tab, line feed and carriage return (the progress bar redraws with it), DEL, and the UTF-8
   * encoded C1 controls (U+0080 to U+009F, which some terminals treat like ESC) become {@code ?}.
   * Everything the command line prints goes through one, so no text taken from a file can reach the
   * terminal as an escape sequence.
   */
  public static PrintStream filtering(OutputStream out) {
    return new PrintStream(new ControlFilter(out), true, StandardCharsets.UTF_8);
  }

  private static final class ControlFilter extends FilterOutputStream {
    private boolean afterC2;

    ControlFilter(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      int v = b & 0xff;
      if (afterC2) {
        afterC2 = false;
        if (v >= 0x80 && v <= 0x9f) {
          out.write('?');
          return;
        }
        out.write(0xc2);
      }
      if (v == 0xc2) {
        afterC2 = true;
        return;
      }
      boolean bad = (v < 0x20 && v != '\t' && v != '\n' && v != '\r') || v == 0x7f;
      out.write(bad ? '?' : v);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    @Override
    public void flush() throws IOException {
      if (afterC2) {
        // A lone 0xC2 at the end of a write: keep it for the next byte, flush the rest.
        out.flush();
        return;
      }
      out.flush();
    }
  }
}
