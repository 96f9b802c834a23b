package dev.nightwatch.web.api;

import dev.nightwatch.schema.model.SegmentState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the flakiest-tests report: counts over the window, the failure probability (Beta
 * posterior mean with its 95% credible interval), the Wilson lower bound it is ranked by, the
 * flaky-verdict rate, the current segment states on its builders, where it failed most, its first
 * and last flaky verdict, the weekly unexpected rate (null for a week without runs) and its
 * clusters.
 */
public record FlakyTest(
    int rank,
    String test,
    long runs,
    long failures,
    long flaky,
    long incidents,
    long red,
    double probability,
    double lower,
    double upper,
    double wilsonLower,
    double flakyRate,
    SegmentState state,
    Map<SegmentState, Integer> builderStates,
    List<Share> builders,
    List<Share> workers,
    Instant firstFlakyAt,
    Instant lastFlakyAt,
    List<Double> weekly,
    List<ClusterLink> clusters) {

  /** Where a test failed: a builder or worker, with its failures and flaky verdicts. */
  public record Share(String name, long failures, long flaky) {}

  /** A cluster the test's latest failures are in, with how many of them. */
  public record ClusterLink(long id, String title, long failures) {}
}
