package dev.nightwatch.notifier.blame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.FlakinessVerdict;
import dev.nightwatch.schema.model.NotificationDecision;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BlamePolicyTest {
  private static final Change ONE = change("1111111111aaaa");
  private static final BlamePolicy POLICY =
      new BlamePolicy(new BuilderFilter(List.of("AMD64 Ubuntu*", "x86 Gentoo 3.x")), 1);

  private static Change change(String sha) {
    return new Change(sha, "A Dev <a@example.org>", "gh-1: Fix (#2)", null, "main", null);
  }

  private static FailureFacts failure(FlakinessVerdict verdict, boolean newOnBuilder) {
    return new FailureFacts(
        1, FailureKind.TEST_FAILURE, "test_os", verdict, "because", newOnBuilder);
  }

  private static BuildFacts build(
      String builder, BuildResult previous, List<FailureFacts> failures, List<Change> suspects) {
    return new BuildFacts(builder, BuildResult.FAILURE, previous, failures, suspects);
  }

  @Nested
  class Blames {
    @Test
    void aNewFailureAfterAGreenBuildWithOneCommit() {
      Judgement j =
          POLICY.judge(
              build(
                  "AMD64 Ubuntu 3.x",
                  BuildResult.SUCCESS,
                  List.of(failure(FlakinessVerdict.NEW, false)),
                  List.of(ONE)));
      assertThat(j.blames()).isTrue();
      assertThat(j.suspects()).containsExactly(ONE);
      assertThat(j.reason()).contains("after a green build (SUCCESS)").contains("1111111111");
    }

    @Test
    void aFlakyReRunStillCountsAsGreen() {
      Judgement j =
          POLICY.judge(
              build(
                  "x86 Gentoo 3.x",
                  BuildResult.WARNINGS,
                  List.of(failure(FlakinessVerdict.NEW, false)),
                  List.of(ONE)));
      assertThat(j.blames()).isTrue();
    }

    @Test
    void aClusterNewOnARedBuilder() {
      Judgement j =
          POLICY.judge(
              build(
                  "AMD64 Ubuntu 3.x",
                  BuildResult.FAILURE,
                  List.of(failure(FlakinessVerdict.NEW, true)),
                  List.of(ONE)));
      assertThat(j.blames()).isTrue();
      assertThat(j.breaking()).hasSize(1);
    }

    @Test
    void onlyTheBreakingFailuresAreBlamed() {
      FailureFacts flaky = failure(FlakinessVerdict.LIKELY_FLAKY, true);
      FailureFacts fresh = failure(FlakinessVerdict.NEW, true);
      Judgement j =
          POLICY.judge(
              build("AMD64 Ubuntu 3.x", BuildResult.FAILURE, List.of(flaky, fresh), List.of(ONE)));
      assertThat(j.breaking()).containsExactly(fresh);
    }
  }

  @Nested
  class Skips {
    private NotificationDecision decision(
        String builder, BuildResult previous, List<FailureFacts> failures, List<Change> suspects) {
      Judgement j = POLICY.judge(build(builder, previous, failures, suspects));
      assertThat(j.blames()).isFalse();
      assertThat(j.reason()).isNotBlank();
      return j.skip();
    }

    @Test
    void aBuilderThatMayNotBlame() {
      assertThat(
              decision(
                  "ARM Raspbian 3.x",
                  BuildResult.SUCCESS,
                  List.of(failure(FlakinessVerdict.NEW, true)),
                  List.of(ONE)))
          .isEqualTo(NotificationDecision.SKIPPED_BUILDER_NOT_ALLOWED);
    }

    @Test
    void aLikelyFlakyFailure() {
      assertThat(
              decision(
                  "AMD64 Ubuntu 3.x",
                  BuildResult.SUCCESS,
                  List.of(failure(FlakinessVerdict.LIKELY_FLAKY, true)),
                  List.of(ONE)))
          .isEqualTo(NotificationDecision.SKIPPED_FLAKY);
    }

    @Test
    void anInfraFailure() {
      assertThat(
              decision(
                  "AMD64 Ubuntu 3.x",
                  BuildResult.SUCCESS,
                  List.of(failure(FlakinessVerdict.INFRA, true)),
                  List.of(ONE)))
          .isEqualTo(NotificationDecision.SKIPPED_INFRA);
    }

    @Test
    void aFailureThatWasBrokenBefore() {
      assertThat(
              decision(
                  "AMD64 Ubuntu 3.x",
                  BuildResult.FAILURE,
                  List.of(
                      failure(FlakinessVerdict.BROKEN_BEFORE, false),
                      failure(FlakinessVerdict.LIKELY_FLAKY, false)),
                  List.of(ONE)))
          .isEqualTo(NotificationDecision.SKIPPED_BROKEN_BEFORE);
    }

    @Test
    void aNewVerdictOnAnAlreadyRedBuilderWithAKnownCluster() {
      assertThat(
              decision(
                  "AMD64 Ubuntu 3.x",
                  BuildResult.FAILURE,
                  List.of(failure(FlakinessVerdict.NEW, false)),
                  List.of(ONE)))
          .isEqualTo(NotificationDecision.SKIPPED_NOT_NEW);
    }

    @Test
    void severalNewCommits() {
      Judgement j =
          POLICY.judge(
              build(
                  "AMD64 Ubuntu 3.x",
                  BuildResult.SUCCESS,
                  List.of(failure(FlakinessVerdict.NEW, false)),
                  List.of(ONE, change("2222222222bbbb"))));
      assertThat(j.skip()).isEqualTo(NotificationDecision.SKIPPED_SEVERAL_COMMITS);
      assertThat(j.reason()).contains("2 new commits").contains("1111111111, 2222222222");
    }

    @Test
    void noCommitAtAll() {
      assertThat(
              decision(
                  "AMD64 Ubuntu 3.x",
                  BuildResult.SUCCESS,
                  List.of(failure(FlakinessVerdict.NEW, false)),
                  List.of()))
          .isEqualTo(NotificationDecision.SKIPPED_NO_PR);
    }

    @Test
    void aFailedBuildWithNoFailureFound() {
      assertThat(decision("AMD64 Ubuntu 3.x", BuildResult.SUCCESS, List.of(), List.of(ONE)))
          .isEqualTo(NotificationDecision.SKIPPED_INFRA);
    }
  }

  @Test
  void moreCommitsMayBeAllowed() {
    BlamePolicy two = new BlamePolicy(BuilderFilter.all(), 2);
    Judgement j =
        two.judge(
            build(
                "any",
                BuildResult.SUCCESS,
                List.of(failure(FlakinessVerdict.NEW, false)),
                List.of(ONE, change("2222222222bbbb"))));
    assertThat(j.blames()).isTrue();
    assertThat(j.suspects()).hasSize(2);
  }

  @Test
  void globsMatchWholeNames() {
    BuilderFilter f = new BuilderFilter(List.of("AMD64 *3.x", "exact"));
    assertThat(f.allows("AMD64 Ubuntu 3.x")).isTrue();
    assertThat(f.allows("AMD64 Ubuntu 3.12")).isFalse();
    assertThat(f.allows("exact")).isTrue();
    assertThat(f.allows("exactly")).isFalse();
    assertThat(new BuilderFilter(List.of()).allows("x")).isFalse();
  }
}
