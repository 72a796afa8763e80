package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.value.Report.ClassScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Metric arithmetic for {@link Evaluate}: pure functions over predictions and answers. */
final class Scores {
  private Scores() {}

  /** Returns the confusion matrix: rows = true class, columns = predicted class. */
  static int[][] confusion(int[] truth, int[] predicted, int classes) {
    int[][] m = new int[classes][classes];
    for (int i = 0; i < truth.length; i++) {
      m[truth[i]][predicted[i]]++;
    }
    return m;
  }

  /** Returns precision, recall, F1 and support of each class. */
  static List<ClassScores> perClass(int[][] confusion, List<String> names) {
    List<ClassScores> out = new ArrayList<>();
    for (int c = 0; c < confusion.length; c++) {
      int tp = confusion[c][c];
      int support = 0;
      int predicted = 0;
      for (int k = 0; k < confusion.length; k++) {
        support += confusion[c][k];
        predicted += confusion[k][c];
      }
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = support == 0 ? 0 : (double) tp / support;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      out.add(new ClassScores(names.get(c), precision, recall, f1, support));
    }
    return out;
  }

  /** Returns accuracy and macro precision, recall and F1 (over classes present in the data). */
  static Map<String, Double> classification(int[][] confusion, List<ClassScores> perClass) {
    long correct = 0;
    long total = 0;
    for (int c = 0; c < confusion.length; c++) {
      correct += confusion[c][c];
      for (int k = 0; k < confusion.length; k++) {
        total += confusion[c][k];
      }
    }
    List<ClassScores> present = perClass.stream().filter(s -> s.support() > 0).toList();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", total == 0 ? 0 : (double) correct / total);
    m.put(
        "macro precision",
        present.stream().mapToDouble(ClassScores::precision).average().orElse(0));
    m.put("macro recall", present.stream().mapToDouble(ClassScores::recall).average().orElse(0));
    m.put("macro F1", present.stream().mapToDouble(ClassScores::f1).average().orElse(0));
    return m;
  }

  /** Returns MAE, RMSE and R² of predictions against answers, in the answers' units. */
  static Map<String, Double> regression(double[] truth, double[] predicted) {
    double mean = 0;
    for (double t : truth) {
      mean += t / truth.length;
    }
    double abs = 0;
    double sq = 0;
    double total = 0;
    for (int i = 0; i < truth.length; i++) {
      double e = predicted[i] - truth[i];
      abs += Math.abs(e);
      sq += e * e;
      total += (truth[i] - mean) * (truth[i] - mean);
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("mae", abs / truth.length);
    m.put("rmse", Math.sqrt(sq / truth.length));
    m.put("r2", total == 0 ? 0 : 1 - sq / total);
    return m;
  }
}
