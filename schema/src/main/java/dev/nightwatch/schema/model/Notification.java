package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One recorded notifier decision for a build, with its reason and the comment posted or drafted.
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
    Instant createdAt) {
  public Notification {
    requireNonNull(decision, "decision");
    requireNonNull(reason, "reason");
  }
}
