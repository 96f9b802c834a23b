package dev.nightwatch.analyzer;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.VerdictStatus;

/**
 * What a log says about its build as a whole: it passed, it passed only thanks to re-runs (flaky),
 * it failed (and which failure explains it), or nothing in it says (unknown, with why).
 */
public record Verdict(
    VerdictStatus status, FailureKind kind, String keyLine, long lineNumber, String reason) {

  public Verdict {
    requireNonNull(status, "status");
    requireNonNull(reason, "reason");
    boolean namesKind = kind != null && kind != FailureKind.UNKNOWN;
    if (namesKind != (status == VerdictStatus.FAILURE)) {
      throw new IllegalArgumentException("a FAILURE verdict, and only it, names a failure kind");
    }
  }

  /** A verdict for a log in which nothing was recognised. */
  public static Verdict unknown(String reason) {
    return new Verdict(VerdictStatus.UNKNOWN, FailureKind.UNKNOWN, null, 0, reason);
  }
}
