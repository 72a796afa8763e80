package dev.blocksmith.editor.lesson;

import dev.blocksmith.engine.graph.Graph;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;

/**
 * Plays a lesson beside the canvas: the current step's heading and text, Back and Next, and a
 * callback that highlights the step's node. Hidden when the open graph has no lesson.
 */
public final class LessonPanel extends JPanel {
  /** Width of the wrapped step text in CSS pixels. */
  private static final int TEXT_WIDTH = 205;

  private final Consumer<String> showNode;
  private final JLabel heading = new JLabel();
  private final JLabel counter = new JLabel();
  private final WrappingText text = new WrappingText();
  private final JButton back = new JButton("Back");
  private final JButton next = new JButton("Next");
  private final JLabel check = new JLabel();
  private Lesson lesson;
  private int at;
  private boolean finished;
  private LessonState state;
  private Graph start;

  /** Creates a hidden panel; {@code showNode} receives the id of the node a step is about. */
  public LessonPanel(Consumer<String> showNode) {
    super(new BorderLayout(0, 6));
    this.showNode = showNode;
    setName("lessonPanel");
    setBorder(
        BorderFactory.createCompoundBorder(
            BorderFactory.createMatteBorder(0, 0, 1, 0, UIManager.getColor("Separator.foreground")),
            BorderFactory.createEmptyBorder(10, 12, 10, 12)));
    heading.setFont(heading.getFont().deriveFont(Font.BOLD, heading.getFont().getSize() + 2f));
    counter.setForeground(UIManager.getColor("Label.disabledForeground"));
    text.setName("lessonText");
    // Lesson texts come from files other people wrote: styled plain text (LessonMarkup), never
    // Swing HTML (which fetches <img> URLs when shown).
    text.setEditable(false);
    text.setOpaque(false);
    text.setFocusable(false);
    text.setFont(heading.getFont().deriveFont(Font.PLAIN, heading.getFont().getSize() - 2f));
    heading.putClientProperty("html.disable", Boolean.TRUE);
    counter.putClientProperty("html.disable", Boolean.TRUE);
    back.setName("lessonBack");
    next.setName("lessonNext");
    back.addActionListener(e -> go(at - 1));
    next.addActionListener(
        e -> {
          if (lesson != null && at == lesson.steps().size() - 1) {
            finish();
          } else {
            go(at + 1);
          }
        });
    check.setName("lessonCheck");
    JPanel top = new JPanel(new BorderLayout());
    top.setOpaque(false);
    top.add(counter, BorderLayout.NORTH);
    top.add(heading, BorderLayout.CENTER);
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
    buttons.setOpaque(false);
    buttons.add(back);
    buttons.add(javax.swing.Box.createHorizontalStrut(6));
    buttons.add(next);
    add(top, BorderLayout.NORTH);
    JPanel middle = new JPanel(new BorderLayout(0, 6));
    middle.setOpaque(false);
    middle.add(text, BorderLayout.CENTER);
    middle.add(check, BorderLayout.SOUTH);
    add(middle, BorderLayout.CENTER);
    add(buttons, BorderLayout.SOUTH);
    setVisible(false);
  }

  /** Starts {@code l} at its first step, or hides the panel when null; same lesson: no change. */
  public void play(Lesson l) {
    play(l, null);
  }

  /**
   * Starts {@code l} on pipeline {@code startGraph} (the state "changed" conditions compare with),
   * or hides the panel when null; the same lesson again: no change.
   */
  public void play(Lesson l, Graph startGraph) {
    if (l != null && l.equals(lesson)) {
      return;
    }
    lesson = l;
    start = startGraph;
    finished = false;
    setVisible(l != null);
    if (l != null) {
      go(0);
    }
  }

  /** Returns the index of the current step. */
  public int step() {
    return at;
  }

  /** Sets what the lesson can see of the learner's work, and checks the current step again. */
  public void refresh(LessonState s) {
    state = s;
    if (lesson != null && !finished) {
      showCheck();
    }
  }

  /** Returns whether the lesson reached its summary. */
  public boolean finished() {
    return finished;
  }

  /** Returns the text of the step's condition and reactions, as shown. */
  public String checkText() {
    return check.getText();
  }

  private void finish() {
    finished = true;
    counter.setText(lesson.title() + " · done");
    heading.setText("What you learnt");
    LessonMarkup.render(
        lesson.summary().isBlank() ? "You finished the lesson." : lesson.summary(),
        text.getStyledDocument());
    check.setText("");
    back.setEnabled(true);
    next.setEnabled(false);
    revalidate();
    repaint();
  }

  private void showCheck() {
    Lesson.Step s = lesson.steps().get(at);
    StringBuilder sb = new StringBuilder();
    boolean done = s.done() == null || state != null && start != null && s.done().met(state, start);
    if (s.done() != null) {
      sb.append(done ? "<b>✓ Done.</b> " : "<b>To go on:</b> ")
          .append(escape(done ? s.done().message(state) : s.done().hint()));
    }
    if (state != null && start != null) {
      for (LessonCheck r : s.react()) {
        if (r.met(state, start)) {
          sb.append(sb.length() > 0 ? "<br>" : "").append(escape(r.message(state)));
        }
      }
    }
    check.setText(sb.length() == 0 ? "" : html(sb.toString()));
    next.setText(at == lesson.steps().size() - 1 ? "Finish" : "Next");
    next.setEnabled(done);
  }

  /** Lesson texts come from a file someone else wrote: shown as text, never as markup. */
  private static String escape(String text) {
    return org.apache.commons.text.StringEscapeUtils.escapeHtml4(text);
  }

  private static String html(String body) {
    return "<html><div style='width:" + TEXT_WIDTH + "px'>" + body + "</div></html>";
  }

  /** Returns the step text as the learner reads it (markup applied, tags gone). */
  public String stepText() {
    return text.getText();
  }

  /**
   * A read-only text pane that wraps at the panel's width and, before it has one, asks for the
   * lesson column's width (a plain JTextPane asks for its longest line).
   */
  private static final class WrappingText extends javax.swing.JTextPane {
    @Override
    public java.awt.Dimension getPreferredSize() {
      int w = getWidth() > 0 ? getWidth() : Math.round(TEXT_WIDTH * getFont().getSize2D() / 12f);
      javax.swing.text.View root = getUI().getRootView(this);
      java.awt.Insets in = getInsets();
      root.setSize(Math.max(1, w - in.left - in.right), Integer.MAX_VALUE);
      int h = (int) Math.ceil(root.getPreferredSpan(javax.swing.text.View.Y_AXIS));
      return new java.awt.Dimension(w, h + in.top + in.bottom);
    }
  }

  /** Shows step {@code i} (clamped) and highlights its node. */
  public void go(int i) {
    if (lesson == null) {
      return;
    }
    finished = false;
    at = Math.max(0, Math.min(lesson.steps().size() - 1, i));
    Lesson.Step s = lesson.steps().get(at);
    counter.setText(lesson.title() + " · step " + (at + 1) + " of " + lesson.steps().size());
    heading.setText(s.title());
    LessonMarkup.render(s.text(), text.getStyledDocument());
    back.setEnabled(at > 0);
    showCheck();
    revalidate();
    repaint();
    if (!s.node().isBlank()) {
      showNode.accept(s.node());
    }
  }
}
