package dev.nightwatch.notifier.blame;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.FlakinessVerdict;

/**
 * What the blame policy weighs of one failure: its kind and test, the flakiness verdict with its
 * reason, and whether its cluster had never been seen on this builder before this build.
 */
public record FailureFacts(
    long failureId,
    FailureKind kind,
    String testName,
    FlakinessVerdict verdict,
    String verdictReason,
    boolean clusterNewOnBuilder) {
  public FailureFacts {
    requireNonNull(kind, "kind");
    requireNonNull(verdict, "verdict");
    requireNonNull(verdictReason, "verdictReason");
  }
}
