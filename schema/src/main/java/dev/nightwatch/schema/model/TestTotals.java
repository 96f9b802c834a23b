package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One test's outcomes summed over a window (and a builder or branch, when filtered): runs outside
 * incidents, final failures, flaky verdicts, outcomes in incidents, red builds it failed in, and
 * its first and last flaky verdict.
 */
public record TestTotals(
    long testId,
    String testName,
    long runs,
    long failures,
    long flaky,
    long incidents,
    long red,
    Instant firstFlakyAt,
    Instant lastFlakyAt) {
  public TestTotals {
    requireNonNull(testName, "testName");
  }

  /** The two sums of one test together. */
  public TestTotals plus(TestTotals o) {
    return new TestTotals(
        testId,
        testName,
        runs + o.runs,
        failures + o.failures,
        flaky + o.flaky,
        incidents + o.incidents,
        red + o.red,
        earliest(firstFlakyAt, o.firstFlakyAt),
        latest(lastFlakyAt, o.lastFlakyAt));
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }
}
