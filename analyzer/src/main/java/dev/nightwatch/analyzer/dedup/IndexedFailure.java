package dev.nightwatch.analyzer.dedup;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.FailureKind;
import java.time.Instant;

/** A stored failure as the search index holds it, with the build context triagers filter on. */
public record IndexedFailure(
    long failureId,
    long buildId,
    Long clusterId,
    FailureKind kind,
    String testFile,
    String testName,
    String builder,
    String worker,
    String branch,
    String revision,
    Instant time,
    String fingerprint,
    String normalizedText,
    String keyLine,
    String excerpt) {
  public IndexedFailure {
    requireNonNull(kind, "kind");
    requireNonNull(time, "time");
    requireNonNull(fingerprint, "fingerprint");
  }
}
