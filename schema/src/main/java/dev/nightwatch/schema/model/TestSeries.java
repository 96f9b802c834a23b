package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A test's recent history on one builder and branch, oldest run first, with its current segment:
 * the state, where it began (build id and number, time), its runs and unexpected outcomes, and the
 * weighted flip rate.
 */
public record TestSeries(
    long testId,
    String testName,
    long builderId,
    String builderName,
    String branch,
    List<TestRun> history,
    SegmentState state,
    Long segmentBuildId,
    Integer segmentBuildNumber,
    Instant segmentStartedAt,
    int segmentRuns,
    int segmentUnexpected,
    double flipRate,
    Instant lastRunAt) {
  public TestSeries {
    requireNonNull(testName, "testName");
    requireNonNull(builderName, "builderName");
    requireNonNull(branch, "branch");
    requireNonNull(state, "state");
    requireNonNull(lastRunAt, "lastRunAt");
    history = List.copyOf(history);
  }
}
