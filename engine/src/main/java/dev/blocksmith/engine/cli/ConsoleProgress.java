package dev.blocksmith.engine.cli;

import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunListener;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a run's progress: on a terminal one redrawn bar per running node, otherwise plain lines
 * (one per tenth of progress) so that logs stay readable.
 */
final class ConsoleProgress implements RunListener {
  private static final int BAR = 24;

  private final PrintStream out;
  private final boolean redraw;
  private final String verb;
  private final Map<String, Integer> lastTenth = new HashMap<>();
  private boolean barShown;

  ConsoleProgress(PrintStream out, boolean redraw, String verb) {
    this.out = out;
    this.redraw = redraw;
    this.verb = verb;
  }

  @Override
  public synchronized void onEvent(RunEvent e) {
    if (e instanceof RunEvent.RunStarted s) {
      line(verb + " on " + s.device());
    } else if (e instanceof RunEvent.NodeStarted s) {
      line("  " + s.nodeId() + ": started");
    } else if (e instanceof RunEvent.NodeProgress p) {
      progress(p);
    } else if (e instanceof RunEvent.NodeFinished f) {
      line("  " + f.nodeId() + ": done in " + f.millis() + " ms" + headline(f.headlines()));
    } else if (e instanceof RunEvent.NodeCached c) {
      line("  " + c.nodeId() + ": reused from cache" + headline(c.headlines()));
    } else if (e instanceof RunEvent.NodeFailed f) {
      line("  " + f.nodeId() + ": " + word(f.status()) + " - " + f.message());
    } else if (e instanceof RunEvent.NodeLog l) {
      line("  " + l.nodeId() + ": " + l.message());
    }
  }

  private void progress(RunEvent.NodeProgress p) {
    int pct = (int) Math.round(p.fraction() * 100);
    String msg = p.message() == null ? "" : "  " + p.message();
    if (redraw) {
      int filled = (int) Math.round(p.fraction() * BAR);
      out.print(
          "\r  "
              + p.nodeId()
              + " ["
              + "#".repeat(filled)
              + ".".repeat(BAR - filled)
              + "] "
              + String.format(Locale.ROOT, "%3d%%", pct)
              + msg
              + "\u001b[K");
      out.flush();
      barShown = true;
      return;
    }
    int tenth = pct / 10;
    if (lastTenth.getOrDefault(p.nodeId(), -1) < tenth) {
      lastTenth.put(p.nodeId(), tenth);
      line("  " + p.nodeId() + ": " + pct + " %" + msg);
    }
  }

  private void line(String text) {
    if (barShown) {
      out.print("\r\u001b[K");
      barShown = false;
    }
    out.println(text);
  }

  private static String headline(Map<String, String> h) {
    return h.isEmpty() ? "" : " - " + String.join("; ", h.values());
  }

  static String word(NodeStatus s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
