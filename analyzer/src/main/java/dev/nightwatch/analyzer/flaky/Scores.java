package dev.nightwatch.analyzer.flaky;

import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;

/** Flakiness scores: pure functions of counts or of a history, with no clock inside. */
public final class Scores {
  /** z for a two-sided 95% interval. */
  static final double Z95 = 1.959963984540054;

  private Scores() {}

  /** The posterior of the failure probability under the prior, and the ranking bound. */
  public static Estimate estimate(Counts c, BetaPrior prior) {
    double a = prior.alpha() + c.unexpected();
    double b = prior.beta() + c.runs() - c.unexpected();
    // Six decimals are plenty for a rate shown to one decimal of a percent, and cheaper to solve.
    BetaDistribution posterior = new BetaDistribution(null, a, b, 1e-6);
    double mean = a / (a + b);
    double lower = posterior.inverseCumulativeProbability(0.025);
    double upper = posterior.inverseCumulativeProbability(0.975);
    return new Estimate(
        mean,
        Math.min(lower, mean),
        Math.max(upper, mean),
        wilsonLower(c.unexpected(), c.runs()),
        c.runs() == 0 ? 0 : (double) c.flaky() / c.runs());
  }

  /** The Wilson score interval's lower bound for k successes in n trials (95%); 0 when k is 0. */
  public static double wilsonLower(long k, long n) {
    if (n == 0 || k == 0) {
      return 0;
    }
    double p = (double) k / n;
    double z2 = Z95 * Z95;
    double centre = p + z2 / (2 * n);
    double margin = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return Math.max(0, (centre - margin) / (1 + z2 / n));
  }

  /**
   * How often the test's outcome flips between consecutive runs (or within one, for a flaky
   * verdict), exponentially weighted towards recent runs with the given half-life in runs; incident
   * runs are skipped. 0 for a history of fewer than two runs.
   */
  public static double flipRate(List<TestRun> history, double halfLife) {
    double decay = Math.pow(0.5, 1 / halfLife);
    double flips = 0;
    double weight = 0;
    Boolean previous = null;
    for (TestRun run : history) {
      if (run.incident()) {
        continue;
      }
      boolean bad = run.failed();
      if (previous != null || run.status() == TestStatus.FLAKY) {
        boolean flip = run.status() == TestStatus.FLAKY || (previous != null && previous != bad);
        flips = flips * decay + (flip ? 1 : 0);
        weight = weight * decay + 1;
      }
      previous = bad;
    }
    return weight == 0 ? 0 : flips / weight;
  }
}
