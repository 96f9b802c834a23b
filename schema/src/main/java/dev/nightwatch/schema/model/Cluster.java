package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A group of failures that show the same underlying problem: its title (the founding failure's key
 * line), kind, status, linked issue, when it was first and last seen, how many failures it has, and
 * the cluster it was merged into, if a triager merged it.
 */
public record Cluster(
    long id,
    String fingerprint,
    FailureKind kind,
    String title,
    ClusterStatus status,
    String issueUrl,
    Instant firstSeen,
    Instant lastSeen,
    long occurrences,
    Long mergedInto,
    Instant fixedAt) {
  public Cluster {
    requireNonNull(kind, "kind");
    requireNonNull(title, "title");
    requireNonNull(status, "status");
  }
}
