package dev.blocksmith.engine.text;

import dev.blocksmith.engine.spi.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a training block's {@link Estimate} in plain words, for the CLI and the editor. */
public final class EstimateText {
  private EstimateText() {}

  /** Returns the lines of one estimate: what it trains, numbers, memory, time, notes, warnings. */
  public static List<String> lines(Estimate e) {
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "%s on %,d examples%s",
            e.model(),
            e.trainRows(),
            e.validationRows() > 0
                ? String.format(Locale.ROOT, " (%,d to validate)", e.validationRows())
                : ""));
    out.add(
        e.trainableParameters() < e.parameters()
            ? String.format(
                Locale.ROOT,
                "Numbers to learn: %,d of %,d weights and biases.",
                e.trainableParameters(),
                e.parameters())
            : String.format(
                Locale.ROOT, "Numbers to learn: %,d weights and biases.", e.parameters()));
    Estimate.Memory m = e.memory();
    out.add(
        "Memory: about "
            + bytes(m.total())
            + " (weights "
            + bytes(m.weights())
            + ", optimizer "
            + bytes(m.optimizer())
            + ", one batch's activations "
            + bytes(m.activations())
            + ", data "
            + bytes(m.data())
            + ", Java copies "
            + bytes(m.heap())
            + ").");
    out.add("Time: " + time(e.time()));
    e.notes().forEach(n -> out.add("  " + n));
    e.warnings().forEach(w -> out.add("WARNING: " + w));
    return out;
  }

  /** Returns the time in words: "about 4.2 s (1.3 s to 6.1 s), 1,140 steps at most". */
  public static String time(Estimate.Time t) {
    if (!t.measured()) {
      return String.format(Locale.ROOT, "not measured (%,d steps at most).", t.steps());
    }
    String range =
        t.high() - t.low() < 0.05 * t.high()
            ? ""
            : " (" + duration(t.low()) + " to " + duration(t.high()) + ")";
    return String.format(
        Locale.ROOT, "about %s%s, %,d steps at most.", duration(t.expected()), range, t.steps());
  }

  /** Returns a short one-line summary for a block's card: "≈ 4 s · 4,482 numbers · 3 MB". */
  public static String card(Estimate e) {
    String time = e.time().measured() ? "≈ " + duration(e.time().expected()) : "time unknown";
    return time
        + " · "
        + String.format(Locale.ROOT, "%,d", e.trainableParameters())
        + " numbers · "
        + bytes(e.memory().total())
        + (e.warnings().isEmpty() ? "" : " · warning");
  }

  /** Returns a duration in words: "0.4 s", "12 s", "3 min 20 s", "2 h 10 min". */
  public static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    if (seconds < 10) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }

  /** Returns a size in words: "812 KB", "3.4 MB", "18 GB". */
  public static String bytes(double b) {
    if (b < 1e6) {
      return String.format(Locale.ROOT, "%.0f KB", Math.max(1, b / 1e3));
    }
    if (b < 1e9) {
      return String.format(Locale.ROOT, b < 1e7 ? "%.1f MB" : "%.0f MB", b / 1e6);
    }
    return String.format(Locale.ROOT, b < 1e10 ? "%.1f GB" : "%.0f GB", b / 1e9);
  }
}
