package dev.nightwatch.web.api;

import dev.nightwatch.analyzer.flaky.Segment;
import dev.nightwatch.schema.model.TestSeries;
import java.util.List;

/**
 * One test: its report row over the window (null when it did not fail in it) and, per builder and
 * branch, its recent history with the segments it divides into.
 */
public record TestDetail(String test, int days, FlakyTest summary, List<BuilderHistory> builders) {
  /** A test's history on one builder and branch, cut into segments (oldest first). */
  public record BuilderHistory(TestSeries series, List<Segment> segments) {}
}
