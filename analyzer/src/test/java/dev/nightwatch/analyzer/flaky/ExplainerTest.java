package dev.nightwatch.analyzer.flaky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.FlakinessVerdict;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainerTest {
  private final Explainer explainer = new Explainer(Explainer.Thresholds.DEFAULT, new Segmenter());
  private static final BuildLoad QUIET = new BuildLoad(1, "w", 400, 1, 1);

  private static Evidence evidence(
      FailureKind kind,
      TestStatus status,
      Incidents.Kind incident,
      List<TestRun> history,
      Counts fleet,
      boolean inPrevious) {
    return new Evidence(
        kind,
        status,
        incident,
        QUIET,
        history,
        fleet,
        5,
        inPrevious ? 1 : 0,
        inPrevious ? 41 : null,
        inPrevious);
  }

  private FlakinessVerdict verdict(Evidence e) {
    return explainer.explain(e).verdict();
  }

  @Test
  void infraKindsAndIncidentsAreInfra() {
    assertThat(
            verdict(
                evidence(
                    FailureKind.INFRA,
                    null,
                    Incidents.Kind.NONE,
                    List.of(),
                    new Counts(0, 0, 0),
                    false)))
        .isEqualTo(FlakinessVerdict.INFRA);
    var mass =
        explainer.explain(
            evidence(
                FailureKind.TEST_FAILURE,
                TestStatus.FAILED_AGAIN,
                Incidents.Kind.MASS_FAILURE,
                List.of(),
                new Counts(0, 0, 0),
                false));
    assertThat(mass.verdict()).isEqualTo(FlakinessVerdict.INFRA);
    assertThat(mass.figures()).containsEntry("testsRun", 400);
  }

  @Test
  void aPassOnReRunIsLikelyFlaky() {
    assertThat(
            verdict(
                evidence(
                    FailureKind.TEST_FAILURE,
                    TestStatus.FLAKY,
                    Incidents.Kind.NONE,
                    List.of(),
                    new Counts(0, 0, 0),
                    false)))
        .isEqualTo(FlakinessVerdict.LIKELY_FLAKY);
  }

  @Test
  void theSameFailureInThePreviousBuildIsBrokenBefore() {
    var e =
        explainer.explain(
            evidence(
                FailureKind.COMPILE_ERROR,
                null,
                Incidents.Kind.NONE,
                List.of(),
                new Counts(0, 0, 0),
                true));
    assertThat(e.verdict()).isEqualTo(FlakinessVerdict.BROKEN_BEFORE);
    assertThat(e.figures()).containsEntry("clusterLastBuildNumber", 41);
  }

  @Test
  void aTestFailingSinceEarlierIsBrokenBefore() {
    var history = ScoresTest.runs(".".repeat(50) + "F".repeat(6));
    assertThat(
            verdict(
                evidence(
                    FailureKind.TEST_FAILURE,
                    TestStatus.FAILED_AGAIN,
                    Incidents.Kind.NONE,
                    history,
                    new Counts(56, 6, 0),
                    false)))
        .isEqualTo(FlakinessVerdict.BROKEN_BEFORE);
  }

  @Test
  void aTestThatFailsNowAndThenOnItsBuilderIsLikelyFlaky() {
    var history = ScoresTest.runs((".........x").repeat(6));
    var e =
        explainer.explain(
            evidence(
                FailureKind.TEST_FAILURE,
                TestStatus.FAILED,
                Incidents.Kind.NONE,
                history,
                new Counts(60, 6, 0),
                false));
    assertThat(e.verdict()).isEqualTo(FlakinessVerdict.LIKELY_FLAKY);
    assertThat(e.reason()).contains("6 of its last 60 runs");
  }

  @Test
  void aTestFlakyAcrossTheFleetIsLikelyFlakyUnlessItsReRunFailedToo() {
    Counts fleet = new Counts(2000, 10, 30);
    var quiet = ScoresTest.runs(".".repeat(40));
    assertThat(
            verdict(
                evidence(
                    FailureKind.TEST_FAILURE,
                    TestStatus.FAILED,
                    Incidents.Kind.NONE,
                    quiet,
                    fleet,
                    false)))
        .isEqualTo(FlakinessVerdict.LIKELY_FLAKY);
    assertThat(
            verdict(
                evidence(
                    FailureKind.TEST_FAILURE,
                    TestStatus.FAILED_AGAIN,
                    Incidents.Kind.NONE,
                    quiet,
                    fleet,
                    false)))
        .isEqualTo(FlakinessVerdict.NEW);
  }

  @Test
  void aStableTestThatFailsIsNew() {
    var e =
        explainer.explain(
            evidence(
                FailureKind.TEST_FAILURE,
                TestStatus.FAILED_AGAIN,
                Incidents.Kind.NONE,
                ScoresTest.runs(".".repeat(80)),
                new Counts(5000, 0, 0),
                false));
    assertThat(e.verdict()).isEqualTo(FlakinessVerdict.NEW);
    assertThat(e.figures()).containsEntry("fleetRuns", 5000L);
  }
}
