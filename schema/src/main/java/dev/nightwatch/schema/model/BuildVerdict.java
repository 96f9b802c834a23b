package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The analyzer's verdict on a stored build, pointing at the log line that supports it. */
public record BuildVerdict(
    long buildId,
    VerdictStatus status,
    FailureKind kind,
    String reason,
    String keyLine,
    Long lineNumber,
    Long logId,
    int analyzerVersion,
    Instant analyzedAt) {
  public BuildVerdict {
    requireNonNull(status, "status");
    requireNonNull(reason, "reason");
    requireNonNull(analyzedAt, "analyzedAt");
  }
}
