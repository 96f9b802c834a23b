package dev.nightwatch.schema.model;

/** The outcome of one test in one build, as the log shows it. */
public enum TestStatus {
  PASSED,
  FAILED,
  /** Failed, then failed again when re-run in the same build. */
  FAILED_AGAIN,
  /** Failed, then passed when re-run in the same build: a flaky verdict. */
  FLAKY,
  SKIPPED,
  ENV_CHANGED,
  TIMED_OUT,
  CRASHED,
  LEAKED;

  /** True when the outcome counts against the build: everything but passed, flaky and skipped. */
  public boolean isFailure() {
    return this != PASSED && this != FLAKY && this != SKIPPED;
  }
}
