package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A group of failures that show the same underlying problem. */
public record Cluster(
    long id,
    String fingerprint,
    FailureKind kind,
    String title,
    ClusterStatus status,
    String issueUrl,
    Instant firstSeen,
    Instant lastSeen,
    long occurrences) {
  public Cluster {
    requireNonNull(kind, "kind");
    requireNonNull(title, "title");
    requireNonNull(status, "status");
  }
}
