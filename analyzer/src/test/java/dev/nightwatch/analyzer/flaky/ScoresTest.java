package dev.nightwatch.analyzer.flaky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScoresTest {
  static List<TestRun> runs(String outcomes) {
    List<TestRun> runs = new ArrayList<>();
    for (int i = 0; i < outcomes.length(); i++) {
      TestStatus s =
          switch (outcomes.charAt(i)) {
            case '.' -> TestStatus.PASSED;
            case 'f' -> TestStatus.FLAKY;
            case 'F' -> TestStatus.FAILED_AGAIN;
            case 'x' -> TestStatus.FAILED;
            default -> throw new IllegalArgumentException(outcomes);
          };
      runs.add(new TestRun(i + 1, i + 1, Instant.ofEpochSecond(i * 3600L), s, false));
    }
    return runs;
  }

  @Nested
  class Wilson {
    @Test
    void matchesThePublishedInterval() {
      // 10 of 100: the Wilson interval is [0.0552, 0.1744].
      assertThat(Scores.wilsonLower(10, 100)).isCloseTo(0.0552, within(1e-4));
      assertThat(Scores.wilsonLower(0, 100)).isZero();
      assertThat(Scores.wilsonLower(0, 0)).isZero();
    }

    @Test
    void ranksManyRunsAboveFewAtTheSameRate() {
      assertThat(Scores.wilsonLower(50, 1000)).isGreaterThan(Scores.wilsonLower(1, 20));
    }
  }

  @Nested
  class Posterior {
    @Test
    void intervalHoldsTheMeanAndNarrowsWithRuns() {
      Estimate few = Scores.estimate(new Counts(20, 1, 1), BetaPrior.JEFFREYS);
      Estimate many = Scores.estimate(new Counts(2000, 50, 50), BetaPrior.JEFFREYS);
      assertThat(few.lower()).isLessThan(few.probability());
      assertThat(few.upper()).isGreaterThan(few.probability());
      assertThat(many.upper() - many.lower()).isLessThan(few.upper() - few.lower());
      assertThat(many.probability()).isCloseTo(0.05, within(0.002));
      assertThat(many.flakyRate()).isCloseTo(0.025, within(1e-9));
    }

    @Test
    void fittedPriorPullsASparseTestTowardsTheFleet() {
      List<Counts> fleet = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        fleet.add(new Counts(1000, i % 5, 0)); // rates 0–0.4%
      }
      BetaPrior prior = BetaPrior.fit(fleet);
      assertThat(prior.alpha() / (prior.alpha() + prior.beta())).isCloseTo(0.002, within(0.001));
      Estimate one = Scores.estimate(new Counts(2, 1, 1), prior);
      assertThat(one.probability()).isLessThan(0.1); // not 50% after one failure in two runs
    }

    @Test
    void tooFewTestsKeepJeffreys() {
      assertThat(BetaPrior.fit(List.of(new Counts(100, 3, 0)))).isEqualTo(BetaPrior.JEFFREYS);
    }
  }

  @Nested
  class FlipRate {
    @Test
    void steadyHistoriesDoNotFlipAndAlternatingOnesDo() {
      assertThat(Scores.flipRate(runs(".........."), 10)).isZero();
      assertThat(Scores.flipRate(runs("FFFFFFFFFF"), 10)).isZero();
      assertThat(Scores.flipRate(runs(".x.x.x.x.x"), 10)).isEqualTo(1.0);
      assertThat(Scores.flipRate(runs("...f......"), 10)).isGreaterThan(0);
    }

    @Test
    void recentFlipsWeighMore() {
      assertThat(Scores.flipRate(runs("x.x......................"), 5))
          .isLessThan(Scores.flipRate(runs("......................x.x"), 5));
    }
  }

  @Nested
  class Segments {
    private final Segmenter segmenter = new Segmenter();

    @Test
    void aRegressionStartsAFailingSegmentWhereItBegan() {
      var segments = segmenter.segment(runs(".".repeat(60) + "F".repeat(20)));
      assertThat(segments).hasSize(2);
      assertThat(segments.get(1).state()).isEqualTo(SegmentState.FAILING);
      assertThat(segments.get(1).firstBuildNumber()).isEqualTo(61);
    }

    @Test
    void aFixAfterARegressionIsFixed() {
      var segments = segmenter.segment(runs(".".repeat(40) + "F".repeat(10) + ".".repeat(30)));
      assertThat(segments)
          .extracting(Segment::state)
          .containsExactly(SegmentState.STABLE, SegmentState.FAILING, SegmentState.FIXED);
    }

    @Test
    void scatteredFlakyVerdictsStayOneFlakySegment() {
      var segments = segmenter.segment(runs(("........f." + ".......f..").repeat(8)));
      assertThat(segments).hasSize(1);
      assertThat(segments.get(0).state()).isEqualTo(SegmentState.FLAKY);
      assertThat(segments.get(0).flaky()).isEqualTo(16);
    }

    @Test
    void incidentRunsCountForNothing() {
      List<TestRun> history = new ArrayList<>();
      for (TestRun r : runs(".".repeat(30) + "xxxx" + ".".repeat(30))) {
        boolean incident = r.buildNumber() > 30 && r.buildNumber() <= 34;
        history.add(
            new TestRun(r.buildId(), r.buildNumber(), r.finishedAt(), r.status(), incident));
      }
      var segments = segmenter.segment(history);
      assertThat(segments).hasSize(1);
      assertThat(segments.get(0).state()).isEqualTo(SegmentState.STABLE);
      assertThat(segments.get(0).runs()).isEqualTo(60);
    }
  }
}
