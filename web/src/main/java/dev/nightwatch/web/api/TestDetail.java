package dev.nightwatch.web.api;

import dev.nightwatch.analyzer.flaky.Segment;
import dev.nightwatch.schema.model.TestSeries;
import java.util.List;

/**
 * One test: its report row over the window (null when it did not fail in it) and, per builder and
 * branch, its recent history with the segments it divides into: a page of {@code builders} from
 * {@code offset} of {@code totalBuilders}, the most unsettled first (failing, flaky, fixed, then
 * stable; then the most runs that did not pass); {@code previous} and {@code next} are the other
 * pages' offsets, null at either end.
 */
public record TestDetail(
    String test,
    int days,
    FlakyTest summary,
    int totalBuilders,
    int offset,
    Integer previous,
    Integer next,
    List<BuilderHistory> builders) {
  /** A test's history on one builder and branch, cut into segments (oldest first). */
  public record BuilderHistory(TestSeries series, List<Segment> segments) {}
}
