package dev.nightwatch.notifier.blame;

import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.FlakinessVerdict;
import dev.nightwatch.schema.model.NotificationDecision;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides whether a build's new commits broke its builder. A failure is new breakage when the
 * builder's previous finished build was green (a flaky re-run still counts as green) or its cluster
 * is new on the builder, and its flakiness verdict is {@code NEW}; a build is blamed when one of
 * its failures is, its builder may blame, and it has at least one and at most {@code maxCommits}
 * new commits. Pure: the same facts give the same judgement.
 */
public final class BlamePolicy {
  private final BuilderFilter builders;
  private final int maxCommits;

  public BlamePolicy(BuilderFilter builders, int maxCommits) {
    if (maxCommits < 1) {
      throw new IllegalArgumentException("maxCommits must be at least 1: " + maxCommits);
    }
    this.builders = builders;
    this.maxCommits = maxCommits;
  }

  public Judgement judge(BuildFacts build) {
    if (!builders.allows(build.builderName())) {
      return Judgement.skip(
          NotificationDecision.SKIPPED_BUILDER_NOT_ALLOWED,
          "builder %s is not one that may blame (notifier.blameBuilders: %s)"
              .formatted(build.builderName(), String.join(", ", builders.entries())));
    }
    if (build.failures().isEmpty()) {
      return Judgement.skip(
          NotificationDecision.SKIPPED_INFRA,
          "the build ended %s and its logs show no failure to blame a change for"
              .formatted(build.result()));
    }
    boolean previousGreen = build.previousResult() != null && build.previousResult().isGreen();
    List<FailureFacts> breaking =
        build.failures().stream()
            .filter(f -> f.verdict() == FlakinessVerdict.NEW)
            .filter(f -> previousGreen || f.clusterNewOnBuilder())
            .toList();
    if (breaking.isEmpty()) {
      return notBreaking(build);
    }
    String what = breakage(breaking, build.previousResult(), previousGreen);
    List<Change> suspects = build.suspects();
    if (suspects.isEmpty()) {
      return Judgement.skip(
          NotificationDecision.SKIPPED_NO_PR, what + ", but the build names no commit to blame");
    }
    if (suspects.size() > maxCommits) {
      return Judgement.skip(
          NotificationDecision.SKIPPED_SEVERAL_COMMITS,
          "%s, but the build has %d new commits (%s) and only a build with %s is commented on"
              .formatted(
                  what,
                  suspects.size(),
                  shortShas(suspects),
                  maxCommits == 1 ? "exactly one" : "at most " + maxCommits));
    }
    return new Judgement(
        null,
        "%s; new commit%s %s".formatted(what, suspects.size() == 1 ? "" : "s", shortShas(suspects)),
        breaking,
        suspects);
  }

  /** Why no failure is new breakage: the closest-to-blame verdict among the failures. */
  private static Judgement notBreaking(BuildFacts build) {
    Map<FlakinessVerdict, List<FailureFacts>> byVerdict =
        build.failures().stream()
            .collect(
                Collectors.groupingBy(
                    FailureFacts::verdict,
                    () -> new EnumMap<>(FlakinessVerdict.class),
                    Collectors.toList()));
    String counts =
        byVerdict.entrySet().stream()
            .map(e -> e.getValue().size() + " " + words(e.getKey()))
            .collect(Collectors.joining(", "));
    if (byVerdict.containsKey(FlakinessVerdict.NEW)) {
      return Judgement.skip(
          NotificationDecision.SKIPPED_NOT_NEW,
          "not new on this builder: its previous build was %s and every failure's cluster was seen on it before (%s)"
              .formatted(build.previousResult(), counts));
    }
    for (FlakinessVerdict verdict :
        List.of(
            FlakinessVerdict.BROKEN_BEFORE,
            FlakinessVerdict.LIKELY_FLAKY,
            FlakinessVerdict.INFRA)) {
      List<FailureFacts> these = byVerdict.get(verdict);
      if (these != null) {
        return Judgement.skip(
            decision(verdict), "%s: %s".formatted(counts, these.get(0).verdictReason()));
      }
    }
    throw new IllegalStateException("no verdict among " + byVerdict.keySet());
  }

  private static NotificationDecision decision(FlakinessVerdict verdict) {
    return switch (verdict) {
      case BROKEN_BEFORE -> NotificationDecision.SKIPPED_BROKEN_BEFORE;
      case LIKELY_FLAKY -> NotificationDecision.SKIPPED_FLAKY;
      case INFRA -> NotificationDecision.SKIPPED_INFRA;
      case NEW -> NotificationDecision.SKIPPED_NOT_NEW;
    };
  }

  private static String words(FlakinessVerdict verdict) {
    return switch (verdict) {
      case BROKEN_BEFORE -> "broken before";
      case LIKELY_FLAKY -> "likely flaky";
      case INFRA -> "infra";
      case NEW -> "new but not new on the builder";
    };
  }

  private static String breakage(
      List<FailureFacts> breaking, BuildResult previous, boolean previousGreen) {
    String count = breaking.size() == 1 ? "1 failure" : breaking.size() + " failures";
    String since =
        previousGreen
            ? "after a green build (" + previous + ")"
            : previous == null ? "in the builder's first build" : "new on the builder";
    return count + " " + since + " that nothing explains as flaky, infra or broken before";
  }

  private static String shortShas(List<Change> changes) {
    return changes.stream()
        .map(c -> Change.shortRevision(c.revision()))
        .collect(Collectors.joining(", "));
  }
}
