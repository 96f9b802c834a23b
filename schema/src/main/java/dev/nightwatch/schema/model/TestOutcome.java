package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one test (a regrtest file, or a finer id) in one build, with its duration if
 * printed.
 */
public record TestOutcome(long buildId, String testName, TestStatus status, Long durationMillis) {
  public TestOutcome {
    requireNonNull(testName, "testName");
    requireNonNull(status, "status");
  }
}
