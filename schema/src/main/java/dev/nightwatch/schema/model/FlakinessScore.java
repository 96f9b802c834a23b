package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

/**
 * How flaky one test is on one builder: counts, and the failure probability with a 95% interval.
 */
public record FlakinessScore(
    String testName,
    String builderName,
    long runs,
    long failures,
    long flakyVerdicts,
    double failureProbability,
    double lowerBound,
    double upperBound) {
  public FlakinessScore {
    requireNonNull(testName, "testName");
    requireNonNull(builderName, "builderName");
    if (runs < 0 || failures < 0 || flakyVerdicts < 0 || failures + flakyVerdicts > runs) {
      throw new IllegalArgumentException(
          "inconsistent counts: runs=%d failures=%d flaky=%d"
              .formatted(runs, failures, flakyVerdicts));
    }
    if (!(0 <= lowerBound
        && lowerBound <= failureProbability
        && failureProbability <= upperBound
        && upperBound <= 1)) {
      throw new IllegalArgumentException(
          "interval out of order: %f ≤ %f ≤ %f"
              .formatted(lowerBound, failureProbability, upperBound));
    }
  }
}
