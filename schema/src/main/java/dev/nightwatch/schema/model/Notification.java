package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One recorded notifier decision for a build, with its reason, the comment posted or drafted, and
 * the ids of the failures it blamed on the PR (comma-separated; null for a skip).
 */
public record Notification(
    long id,
    long buildId,
    String repository,
    Integer prNumber,
    NotificationDecision decision,
    String reason,
    String commentBody,
    String commentUrl,
    Instant createdAt,
    String failureIds) {
  public Notification {
    requireNonNull(decision, "decision");
    requireNonNull(reason, "reason");
  }

  /** The blamed failures' ids. */
  public java.util.List<Long> blamedFailureIds() {
    if (failureIds == null || failureIds.isBlank()) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(failureIds.split(",")).map(Long::valueOf).toList();
  }
}
