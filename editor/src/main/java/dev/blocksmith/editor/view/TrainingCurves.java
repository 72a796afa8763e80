package dev.blocksmith.editor.view;

import java.awt.GridLayout;
import javax.swing.JPanel;

/**
 * Training curves as two charts side by side: the loss (lower is better) and the accuracy or other
 * score (higher is better), each with its train and validation series. Grows live.
 */
public final class TrainingCurves {
  private final CurvesChart loss = new CurvesChart("Loss", true);
  private final CurvesChart score = new CurvesChart("Accuracy", false);
  private final JPanel panel = new JPanel(new GridLayout(1, 2, 8, 0));
  private boolean scoreShown;

  /** Creates empty curves; the score chart appears with its first point. */
  public TrainingCurves() {
    panel.setName("trainingCurves");
    panel.add(loss.panel());
    loss.panel()
        .setToolTipText(
            "How wrong the model is: lower is better. Train and validation"
                + " lines drifting apart means overfitting.");
    score.panel().setToolTipText("Share of examples the model gets right: higher is better.");
    panel.setPreferredSize(new java.awt.Dimension(420, 240));
    panel.setMinimumSize(new java.awt.Dimension(240, 140));
  }

  /** Returns the Swing panel. */
  public JPanel panel() {
    return panel;
  }

  /** Adds one point to a series ("train loss", "validation accuracy"). */
  public void add(String name, double x, double y) {
    if (name.endsWith("loss")) {
      loss.add(name, x, y);
      return;
    }
    if (!scoreShown) {
      scoreShown = true;
      panel.add(score.panel());
      panel.revalidate();
    }
    score.add(name, x, y);
  }

  /** Returns the number of points in a series, for tests. */
  public int points(String name) {
    return name.endsWith("loss") ? loss.points(name) : score.points(name);
  }
}
