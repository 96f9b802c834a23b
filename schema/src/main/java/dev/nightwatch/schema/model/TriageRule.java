package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A triager's action on a cluster, kept: it outlives reindexing and shapes failures to come. */
public record TriageRule(
    long id,
    TriageAction action,
    long clusterId,
    Long targetId,
    String issueUrl,
    String note,
    String actor,
    Instant createdAt) {
  public TriageRule {
    requireNonNull(action, "action");
    requireNonNull(createdAt, "createdAt");
  }
}
