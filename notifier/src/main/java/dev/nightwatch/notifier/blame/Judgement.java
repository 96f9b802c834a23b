package dev.nightwatch.notifier.blame;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.NotificationDecision;
import java.util.List;

/**
 * The blame policy's answer for one build: either a skip (a {@code SKIPPED_…} decision) or blame of
 * its suspect commits for the breaking failures, with the reason in words either way.
 */
public record Judgement(
    NotificationDecision skip, String reason, List<FailureFacts> breaking, List<Change> suspects) {
  public Judgement {
    requireNonNull(reason, "reason");
    breaking = List.copyOf(breaking);
    suspects = List.copyOf(suspects);
    if (skip != null && !skip.name().startsWith("SKIPPED_")) {
      throw new IllegalArgumentException("not a skip: " + skip);
    }
  }

  static Judgement skip(NotificationDecision decision, String reason) {
    return new Judgement(decision, reason, List.of(), List.of());
  }

  /** True when the suspects' PRs are to be told. */
  public boolean blames() {
    return skip == null;
  }
}
