package dev.nightwatch.schema.model;

/** What the notifier did about a failed build, and why. */
public enum NotificationDecision {
  POSTED,
  UPDATED,
  DRY_RUN,
  SKIPPED_FLAKY,
  SKIPPED_INFRA,
  SKIPPED_BROKEN_BEFORE,
  SKIPPED_NOT_NEW,
  SKIPPED_NO_PR,
  SKIPPED_SEVERAL_COMMITS,
  SKIPPED_BUILDER_NOT_ALLOWED
}
