package dev.nightwatch.analyzer.flaky;

import java.util.Collection;

/**
 * A Beta prior on a test's failure probability, fitted to the fleet by the method of moments over
 * the tests' observed rates, so a test with few runs is pulled towards what tests usually do.
 */
public record BetaPrior(double alpha, double beta) {
  /** Jeffreys' prior, used when the fleet is too small to fit one. */
  public static final BetaPrior JEFFREYS = new BetaPrior(0.5, 0.5);

  /** Tests with fewer runs than this say too little about their rate to shape the prior. */
  static final long MIN_RUNS = 10;

  /** The prior's weight is capped, so it never outweighs a few hundred runs of evidence. */
  static final double MAX_STRENGTH = 200;

  public BetaPrior {
    if (!(alpha > 0) || !(beta > 0)) {
      throw new IllegalArgumentException("alpha and beta must be > 0: " + alpha + ", " + beta);
    }
  }

  /**
   * Fits the prior to the tests' counts: mean and variance of their rates, weighted by runs, with
   * the sampling variance taken out; Jeffreys' prior when fewer than two tests have enough runs or
   * the rates do not vary beyond sampling noise.
   */
  public static BetaPrior fit(Collection<Counts> tests) {
    double runs = 0;
    double weighted = 0;
    int n = 0;
    for (Counts c : tests) {
      if (c.runs() >= MIN_RUNS) {
        runs += c.runs();
        weighted += c.unexpected();
        n++;
      }
    }
    if (n < 2 || runs == 0) {
      return JEFFREYS;
    }
    double mean = weighted / runs;
    if (mean <= 0 || mean >= 1) {
      return JEFFREYS;
    }
    double spread = 0;
    double noise = 0;
    for (Counts c : tests) {
      if (c.runs() >= MIN_RUNS) {
        double rate = (double) c.unexpected() / c.runs();
        double w = c.runs() / runs;
        spread += w * (rate - mean) * (rate - mean);
        noise += w * mean * (1 - mean) / c.runs();
      }
    }
    double variance = spread - noise;
    double strength =
        variance <= 0 ? MAX_STRENGTH : Math.min(MAX_STRENGTH, mean * (1 - mean) / variance - 1);
    if (!(strength > 0)) {
      return JEFFREYS;
    }
    return new BetaPrior(Math.max(mean * strength, 1e-3), Math.max((1 - mean) * strength, 1e-3));
  }
}
