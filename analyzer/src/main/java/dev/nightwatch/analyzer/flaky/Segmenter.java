package dev.nightwatch.analyzer.flaky;

import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Beta;

/**
 * Cuts a test's history on one builder into segments of constant failure behaviour, as Chromium's
 * LUCI Analysis does: each run is a first attempt that passed or not, and, for a re-run test, a
 * re-run that passed or not; a segment's likelihood is the Beta-Binomial marginal likelihood of
 * both; binary segmentation splits where the log-likelihood gains more than a threshold.
 */
public final class Segmenter {
  /** Priors on the first-attempt failure rate and the re-run failure rate (LUCI's shapes). */
  private static final double A1 = 0.3;

  private static final double B1 = 0.5;
  private static final double A2 = 0.5;
  private static final double B2 = 0.5;

  /** Default log-likelihood gain a split needs. */
  public static final double THRESHOLD = 6.0;

  /** A segment failing in the end at least this often is failing, not flaky. */
  static final double FAILING_SHARE = 0.9;

  private final double threshold;

  public Segmenter() {
    this(THRESHOLD);
  }

  public Segmenter(double threshold) {
    this.threshold = threshold;
  }

  /** The history's segments, oldest first; empty for an empty history. Runs must be in order. */
  public List<Segment> segment(List<TestRun> history) {
    int n = history.size();
    // Prefix sums over non-incident runs: runs, unexpected, retried, retried-and-failed, failed,
    // flaky.
    int[][] sums = new int[6][n + 1];
    for (int i = 0; i < n; i++) {
      TestRun r = history.get(i);
      boolean counts = !r.incident();
      int[] add = {
        counts ? 1 : 0,
        counts && r.unexpected() ? 1 : 0,
        counts && r.retried() ? 1 : 0,
        counts && r.retried() && r.failed() ? 1 : 0,
        counts && r.failed() ? 1 : 0,
        counts && r.status() == TestStatus.FLAKY ? 1 : 0
      };
      for (int k = 0; k < 6; k++) {
        sums[k][i + 1] = sums[k][i] + add[k];
      }
    }
    List<int[]> cuts = new ArrayList<>();
    if (n > 0 && sums[1][n] == 0) {
      cuts.add(new int[] {0, n}); // nothing but passes: one segment, no split can gain
    } else if (n > 0) {
      split(sums, 0, n, cuts);
    }
    cuts.sort((x, y) -> Integer.compare(x[0], y[0]));
    List<Segment> segments = new ArrayList<>();
    SegmentState before = null;
    for (int[] c : cuts) {
      Segment s = describe(history, sums, c[0], c[1], before);
      segments.add(s);
      before = s.state();
    }
    return segments;
  }

  private void split(int[][] sums, int start, int end, List<int[]> out) {
    double whole = logLikelihood(sums, start, end);
    double best = Double.NEGATIVE_INFINITY;
    int at = -1;
    for (int t = start + 1; t < end; t++) {
      if (count(sums, 0, start, t) == 0 || count(sums, 0, t, end) == 0) {
        continue; // a segment of incidents alone says nothing
      }
      double gain = logLikelihood(sums, start, t) + logLikelihood(sums, t, end) - whole;
      if (gain > best) {
        best = gain;
        at = t;
      }
    }
    if (at < 0 || best <= threshold) {
      out.add(new int[] {start, end});
      return;
    }
    split(sums, start, at, out);
    split(sums, at, end, out);
  }

  private static double logLikelihood(int[][] sums, int start, int end) {
    int runs = count(sums, 0, start, end);
    int unexpected = count(sums, 1, start, end);
    int retried = count(sums, 2, start, end);
    int retriedFailed = count(sums, 3, start, end);
    return Beta.logBeta(A1 + unexpected, B1 + runs - unexpected)
        - Beta.logBeta(A1, B1)
        + Beta.logBeta(A2 + retriedFailed, B2 + retried - retriedFailed)
        - Beta.logBeta(A2, B2);
  }

  private static int count(int[][] sums, int k, int start, int end) {
    return sums[k][end] - sums[k][start];
  }

  private static Segment describe(
      List<TestRun> history, int[][] sums, int start, int end, SegmentState before) {
    int runs = count(sums, 0, start, end);
    int unexpected = count(sums, 1, start, end);
    int failed = count(sums, 4, start, end);
    int flaky = count(sums, 5, start, end);
    SegmentState state;
    if (runs > 0 && failed >= FAILING_SHARE * runs) {
      state = SegmentState.FAILING;
    } else if (unexpected > 0) {
      state = SegmentState.FLAKY;
    } else if (before == SegmentState.FAILING
        || before == SegmentState.FLAKY
        || before == SegmentState.FIXED) {
      state = SegmentState.FIXED;
    } else {
      state = SegmentState.STABLE;
    }
    TestRun first = history.get(start);
    return new Segment(
        start,
        end,
        first.buildId(),
        first.buildNumber(),
        first.finishedAt(),
        runs,
        unexpected,
        failed,
        flaky,
        state);
  }
}
