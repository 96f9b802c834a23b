package dev.nightwatch.schema.model;

/** What the current stretch of a test's history on one builder says about the test. */
public enum SegmentState {
  /** It passes. */
  STABLE,
  /** It fails now and then, or passes only when re-run. */
  FLAKY,
  /** It fails (nearly) every time: it regressed where the segment began. */
  FAILING,
  /** It passes, after a flaky or failing stretch that ended where the segment began. */
  FIXED
}
