package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fairness lesson: past loan decisions with a sensitive {@code group} column (role GROUP). The
 * past decisions carry a planted bias: applicants of group "B" were approved less often than
 * applicants of group "A" with the same income, debt and credit score, so a model trained on them
 * learns the bias unless someone checks the per-group results.
 */
public final class LoanApprovals {
  /** How much lower group B's approval score was, in the planted bias. */
  public static final double BIAS_AGAINST_B = 1.2;

  private LoanApprovals() {}

  /** Returns {@code rows} applications; the same seed always gives the same table. */
  public static Table generate(int rows, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] income = new double[rows];
    double[] loan = new double[rows];
    double[] credit = new double[rows];
    double[] years = new double[rows];
    List<String> group = new ArrayList<>(rows);
    List<String> approved = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      boolean b = rnd.nextDouble() < 0.4;
      income[i] = Math.round(Math.max(12, 48 + rnd.nextGaussian() * 18));
      loan[i] = Math.round(Math.max(2, income[i] * (0.3 + rnd.nextDouble() * 1.7)));
      credit[i] = Math.round(Math.max(300, Math.min(850, 650 + rnd.nextGaussian() * 70)));
      years[i] = Math.min(40, Math.round(Math.abs(rnd.nextGaussian() * 8)));
      double score =
          0.04 * (income[i] - 48)
              - 1.6 * (loan[i] / income[i] - 1.1)
              + 0.015 * (credit[i] - 650)
              + 0.05 * years[i]
              + rnd.nextGaussian() * 0.6;
      if (b) {
        score -= BIAS_AGAINST_B;
      }
      group.add(b ? "B" : "A");
      approved.add(score > 0 ? "yes" : "no");
    }
    return Table.of(
        List.of(
            NumberColumn.wrap("income_k", income),
            NumberColumn.wrap("loan_k", loan),
            NumberColumn.wrap("credit_score", credit),
            NumberColumn.wrap("years_employed", years),
            CategoryColumn.of("group", group),
            CategoryColumn.of("approved", approved)),
        Map.of("group", ColumnRole.GROUP, "approved", ColumnRole.LABEL));
  }
}
