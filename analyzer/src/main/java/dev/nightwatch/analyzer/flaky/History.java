package dev.nightwatch.analyzer.flaky;

import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A test's recent history on one builder, as ingest keeps it: runs in finishing order, one per
 * build, at most a capacity of the latest; and what its last segment says now.
 */
public final class History {
  /** Runs kept per test and builder: enough for segments and a strip, small to rewrite. */
  public static final int CAPACITY = 256;

  /** Half-life, in runs, of the flip rate's weighting. */
  public static final double FLIP_HALF_LIFE = 20;

  private static final Comparator<TestRun> ORDER =
      Comparator.comparing(TestRun::finishedAt).thenComparingLong(TestRun::buildId);

  /** The current state: the last segment (null for an empty history) and the flip rate. */
  public record Summary(SegmentState state, Segment segment, double flipRate) {}

  private History() {}

  /** The history without the build's run, and with {@code run} (if not null) in its place. */
  public static List<TestRun> replace(List<TestRun> history, long buildId, TestRun run) {
    List<TestRun> out = new ArrayList<>(history.size() + 1);
    for (TestRun r : history) {
      if (r.buildId() != buildId) {
        out.add(r);
      }
    }
    if (run != null) {
      int at = out.size();
      while (at > 0 && ORDER.compare(out.get(at - 1), run) > 0) {
        at--;
      }
      out.add(at, run);
    }
    return out.size() <= CAPACITY
        ? out
        : new ArrayList<>(out.subList(out.size() - CAPACITY, out.size()));
  }

  public static Summary summarize(List<TestRun> history, Segmenter segmenter) {
    List<Segment> segments = segmenter.segment(history);
    Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    return new Summary(
        last == null ? SegmentState.STABLE : last.state(),
        last,
        Scores.flipRate(history, FLIP_HALF_LIFE));
  }
}
