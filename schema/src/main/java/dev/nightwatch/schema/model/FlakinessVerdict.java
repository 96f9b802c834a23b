package dev.nightwatch.schema.model;

/** What the flakiness analysis says of one failure, for the notifier's blame decision. */
public enum FlakinessVerdict {
  /** The test passed when re-run, or fails now and then on this builder or across the fleet. */
  LIKELY_FLAKY,
  /** The same failure was already happening on this builder before this build. */
  BROKEN_BEFORE,
  /** The worker or the build is at fault: an infra failure, a mass failure, a worker outage. */
  INFRA,
  /** None of those: the build likely broke it. */
  NEW
}
