package dev.nightwatch.analyzer.flaky;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.SegmentState;
import java.time.Instant;

/**
 * A stretch of a test's history on one builder with one failure behaviour: where it starts and ends
 * (indexes into the history, end exclusive, and the first build), its counts over the runs that
 * were not incidents, and its state.
 */
public record Segment(
    int start,
    int end,
    long firstBuildId,
    int firstBuildNumber,
    Instant startedAt,
    int runs,
    int unexpected,
    int failed,
    int flaky,
    SegmentState state) {
  public Segment {
    requireNonNull(startedAt, "startedAt");
    requireNonNull(state, "state");
  }
}
