package dev.nightwatch.schema.model;

/**
 * What a build's logs say about it: it passed, it passed only thanks to re-runs (flaky), it failed
 * (with the failure that explains it), or nothing in them says (unknown, with the reason).
 */
public enum VerdictStatus {
  SUCCESS,
  FLAKY,
  FAILURE,
  UNKNOWN
}
