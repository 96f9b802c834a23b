package dev.nightwatch.analyzer.flaky;

import dev.nightwatch.schema.model.Explanation;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.FlakinessVerdict;
import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Says of one failure whether it is likely flaky, was broken before this build, is infra, or is new
 * — the notifier's question — with the figures that decided it. Pure: a function of the evidence
 * and the thresholds.
 */
public final class Explainer {
  /**
   * The thresholds: a test is flaky across the fleet with at least {@code minFlakyVerdicts} flaky
   * verdicts and a failure rate whose Wilson lower bound reaches {@code fleetLowerBound}; on its
   * builder when its history's last segment is flaky with at least {@code minUnexpected} failures.
   */
  public record Thresholds(int minFlakyVerdicts, double fleetLowerBound, int minUnexpected) {
    public static final Thresholds DEFAULT = new Thresholds(2, 0.005, 2);
  }

  private final Thresholds thresholds;
  private final Segmenter segmenter;

  public Explainer(Thresholds thresholds, Segmenter segmenter) {
    this.thresholds = thresholds;
    this.segmenter = segmenter;
  }

  public Explanation explain(Evidence e) {
    Map<String, Number> figures = new LinkedHashMap<>();
    if (e.load() != null) {
      figures.put("testsRun", e.load().testsRun());
      figures.put("testsFailed", e.load().testsFailed());
    }
    if (e.kind() == FailureKind.INFRA) {
      return new Explanation(FlakinessVerdict.INFRA, "the failure is in the CI itself", figures);
    }
    if (e.incident() == Incidents.Kind.MASS_FAILURE) {
      return new Explanation(
          FlakinessVerdict.INFRA,
          "most of the build's tests failed at once: one incident, not this test",
          figures);
    }
    if (e.incident() == Incidents.Kind.WORKER) {
      return new Explanation(
          FlakinessVerdict.INFRA,
          "the worker failed many unrelated tests in this build, far more than it usually does",
          figures);
    }
    if (e.testStatus() == TestStatus.FLAKY) {
      return new Explanation(
          FlakinessVerdict.LIKELY_FLAKY, "the test passed when re-run in the same build", figures);
    }
    figures.put("buildsBefore", e.buildsBefore());
    figures.put("clusterBuildsBefore", e.clusterBuildsBefore());
    if (e.clusterLastBuildNumber() != null) {
      figures.put("clusterLastBuildNumber", e.clusterLastBuildNumber());
    }
    List<Segment> segments = segmenter.segment(e.builderHistory());
    Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    if (last != null) {
      figures.put("segmentRuns", last.runs());
      figures.put("segmentUnexpected", last.unexpected());
      figures.put("segmentStartBuildNumber", last.firstBuildNumber());
    }
    if (e.clusterInPreviousBuild()) {
      return new Explanation(
          FlakinessVerdict.BROKEN_BEFORE,
          "the same failure was in this builder's previous build",
          figures);
    }
    if (last != null && last.state() == SegmentState.FAILING) {
      return new Explanation(
          FlakinessVerdict.BROKEN_BEFORE,
          "the test was already failing on this builder since build " + last.firstBuildNumber(),
          figures);
    }
    boolean failedAgain = e.testStatus() == TestStatus.FAILED_AGAIN;
    if (last != null
        && last.state() == SegmentState.FLAKY
        && last.unexpected() >= thresholds.minUnexpected()
        && !(failedAgain && last.failed() == 0)) {
      return new Explanation(
          FlakinessVerdict.LIKELY_FLAKY,
          "the test fails now and then on this builder: %d of its last %d runs"
              .formatted(last.unexpected(), last.runs()),
          figures);
    }
    Counts fleet = e.fleet();
    double lower = Scores.wilsonLower(fleet.unexpected(), fleet.runs());
    figures.put("fleetRuns", fleet.runs());
    figures.put("fleetUnexpected", fleet.unexpected());
    figures.put("fleetFlakyVerdicts", fleet.flaky());
    figures.put("fleetLowerBound", lower);
    if (fleet.flaky() >= thresholds.minFlakyVerdicts()
        && lower >= thresholds.fleetLowerBound()
        && !failedAgain) {
      return new Explanation(
          FlakinessVerdict.LIKELY_FLAKY,
          "the test is flaky across the fleet: %d flaky verdicts in %d runs"
              .formatted(fleet.flaky(), fleet.runs()),
          figures);
    }
    return new Explanation(
        FlakinessVerdict.NEW, "nothing before this build explains the failure", figures);
  }
}
