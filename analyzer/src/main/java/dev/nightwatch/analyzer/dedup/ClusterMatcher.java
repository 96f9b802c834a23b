package dev.nightwatch.analyzer.dedup;

import java.io.IOException;
import java.util.Comparator;
import java.util.Optional;

/**
 * Decides which cluster a new failure joins: the cluster of a failure with the same fingerprint;
 * failing that, the cluster of the most similar compatible failure when the normalized BM25 score
 * passes the threshold; otherwise a new cluster. Says why, for the record.
 */
public final class ClusterMatcher {
  /** The version of the method; stored with each assignment, bumped when decisions change. */
  public static final int VERSION = 1;

  /** The threshold calibrated on the sample corpus (see ClusterQualityTest and the README). */
  public static final double DEFAULT_THRESHOLD = 0.6;

  private static final int CANDIDATES = 20;

  /**
   * How a failure was placed: the cluster (null for a new one), the failure it was found like (null
   * when none), the score, and the method: {@code fingerprint}, {@code bm25} or {@code new}.
   */
  public record Match(Long clusterId, Long likeFailureId, double score, String method) {
    public boolean isNew() {
      return clusterId == null;
    }
  }

  private final FailureIndex index;
  private final double threshold;

  public ClusterMatcher(FailureIndex index, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
    }
    this.index = index;
    this.threshold = threshold;
  }

  public Match match(IndexedFailure f) throws IOException {
    Optional<FailureIndex.Similar> same = index.withFingerprint(f.fingerprint());
    if (same.isPresent()) {
      return new Match(same.get().clusterId(), same.get().failureId(), 1.0, "fingerprint");
    }
    Optional<FailureIndex.Similar> best =
        index.similar(f, CANDIDATES).stream()
            .filter(s -> s.clusterId() != null)
            .max(Comparator.comparingDouble(FailureIndex.Similar::score));
    if (best.isPresent() && best.get().score() >= threshold) {
      return new Match(best.get().clusterId(), best.get().failureId(), best.get().score(), "bm25");
    }
    return new Match(
        null,
        best.map(FailureIndex.Similar::failureId).orElse(null),
        best.map(FailureIndex.Similar::score).orElse(0.0),
        "new");
  }
}
