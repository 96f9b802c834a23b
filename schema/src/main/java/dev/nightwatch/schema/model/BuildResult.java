package dev.nightwatch.schema.model;

/** The result of a build or step, in Buildbot's terms, plus {@code UNKNOWN} when no source says. */
public enum BuildResult {
  SUCCESS,
  WARNINGS,
  FAILURE,
  SKIPPED,
  EXCEPTION,
  RETRY,
  CANCELLED,
  UNKNOWN;

  /**
   * Maps Buildbot's numeric result code (0 = success … 6 = cancelled); null or unknown codes map to
   * UNKNOWN.
   */
  public static BuildResult fromBuildbotCode(Integer code) {
    if (code == null || code < 0 || code > CANCELLED.ordinal()) {
      return UNKNOWN;
    }
    return values()[code];
  }

  /**
   * True for results a triager calls green: SUCCESS, and WARNINGS (which includes flaky re-runs).
   */
  public boolean isGreen() {
    return this == SUCCESS || this == WARNINGS;
  }
}
