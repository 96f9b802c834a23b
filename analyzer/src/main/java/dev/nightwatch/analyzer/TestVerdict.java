package dev.nightwatch.analyzer;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.TestStatus;

/** The outcome of one regrtest test file in a log, with its duration when the log prints one. */
public record TestVerdict(String testFile, TestStatus status, Long durationMillis) {
  public TestVerdict {
    requireNonNull(testFile, "testFile");
    requireNonNull(status, "status");
  }
}
