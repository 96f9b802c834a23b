package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One failure found in a build's logs: its kind, the test at the most specific level known and its
 * regrtest test file, the key line and its 1-based line number, an excerpt, the rule that fired,
 * its fingerprint, and whether its test passed on re-run (flaky).
 */
public record Failure(
    long id,
    long buildId,
    Long logId,
    FailureKind kind,
    String testName,
    String testFile,
    String keyLine,
    Long lineNumber,
    String excerpt,
    String rule,
    String fingerprint,
    boolean flaky,
    Long clusterId,
    Instant createdAt) {
  public Failure {
    requireNonNull(kind, "kind");
    requireNonNull(rule, "rule");
  }
}
