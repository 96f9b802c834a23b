package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One run of a test in one build, as a test's history on a builder keeps it: the build, when it
 * finished, the test's outcome, and whether the build was an incident (most tests failing at once,
 * or a worker failing unrelated tests), which then says nothing about this test.
 */
public record TestRun(
    long buildId, int buildNumber, Instant finishedAt, TestStatus status, boolean incident) {
  public TestRun {
    requireNonNull(finishedAt, "finishedAt");
    requireNonNull(status, "status");
  }

  /** True when the test's first attempt did not pass: a failure, or a flaky verdict. */
  public boolean unexpected() {
    return status.isFailure() || status == TestStatus.FLAKY;
  }

  /** True when the test was re-run in the same build (so the re-run's outcome is known). */
  public boolean retried() {
    return status == TestStatus.FLAKY || status == TestStatus.FAILED_AGAIN;
  }

  /** True when the test failed in the end. */
  public boolean failed() {
    return status.isFailure();
  }
}
