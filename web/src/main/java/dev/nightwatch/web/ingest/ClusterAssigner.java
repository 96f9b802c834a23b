package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.dedup.ClusterMatcher;
import dev.nightwatch.analyzer.dedup.FailureIndex;
import dev.nightwatch.analyzer.dedup.IndexedFailure;
import dev.nightwatch.analyzer.fingerprint.Fingerprint;
import dev.nightwatch.analyzer.fingerprint.Normalizer;
import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.TriageRuleDao;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureDocument;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Places one failure in a cluster and records why: a split's pin for its signature first, then the
 * cluster of a failure with the same fingerprint, then the most similar compatible failure's
 * (normalized BM25 over the threshold), else a new cluster. A merged cluster's failures go where it
 * was merged.
 */
final class ClusterAssigner {
  private static final int TITLE_CHARS = 300;
  private static final int REMEMBERED = 100_000;

  private final FailureIndex index;
  private final ClusterMatcher matcher;

  /** Fingerprints placed lately, so that repeats need no index refresh; cleared on any doubt. */
  private final Map<String, ClusterMatcher.Match> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ClusterMatcher.Match> eldest) {
          return size() > REMEMBERED;
        }
      };

  ClusterAssigner(FailureIndex index, double threshold) {
    this.index = index;
    this.matcher = new ClusterMatcher(index, threshold);
  }

  /** Forgets what was placed lately: clusters changed under it. */
  void forget() {
    recent.clear();
  }

  /**
   * Places the failure and stores the placement; returns the failure as now stored. With {@code
   * reuse}, a failure that would found a cluster takes back its former cluster when no failure of
   * this pass has claimed it yet (re-clustering keeps cluster ids, and so issues and fixes).
   */
  FailureDocument assign(Handle h, FailureDocument f, Set<Long> claimed, Instant now)
      throws IOException {
    String fingerprint = Fingerprint.of(f.kind(), f.testFile(), f.keyLine());
    String normalized = Normalizer.normalizeText(f.excerpt());
    IndexedFailure probe = Indexing.indexed(f, null, fingerprint, normalized);
    ClusterMatcher.Match match = placement(h, probe);
    ClusterDao clusters = h.attach(ClusterDao.class);
    long clusterId;
    if (match.isNew()) {
      Long former = f.clusterId();
      boolean reusable =
          claimed != null
              && former != null
              && !claimed.contains(former)
              && clusters.find(former).filter(c -> c.mergedInto() == null).isPresent();
      if (reusable) {
        clusterId = former;
        clusters.recordOccurrence(clusterId, f.time(), now);
      } else {
        clusterId = clusters.create(fingerprint, f.kind(), title(f), f.time(), now);
      }
    } else {
      clusterId = match.clusterId();
      clusters.recordOccurrence(clusterId, f.time(), now);
    }
    if (claimed != null) {
      claimed.add(clusterId);
    }
    FailureDocument placed =
        f.placed(
            fingerprint,
            normalized,
            Normalizer.VERSION,
            clusterId,
            match.score(),
            match.method(),
            match.likeFailureId(),
            ClusterMatcher.VERSION);
    h.attach(FailureDao.class).assign(placed);
    recent.put(fingerprint, new ClusterMatcher.Match(clusterId, f.id(), 1.0, match.method()));
    return placed;
  }

  private ClusterMatcher.Match placement(Handle h, IndexedFailure f) throws IOException {
    Optional<TriageRuleDao.Pin> pin = h.attach(TriageRuleDao.class).pinOf(f.fingerprint());
    if (pin.isPresent()) {
      return new ClusterMatcher.Match(resolve(h, pin.get().clusterId()), null, 1.0, "pinned");
    }
    ClusterMatcher.Match seen = recent.get(f.fingerprint());
    if (seen != null) {
      return new ClusterMatcher.Match(
          resolve(h, seen.clusterId()), seen.likeFailureId(), 1.0, "fingerprint");
    }
    ClusterMatcher.Match match = matcher.match(f);
    return match.isNew()
        ? match
        : new ClusterMatcher.Match(
            resolve(h, match.clusterId()), match.likeFailureId(), match.score(), match.method());
  }

  /** The cluster a cluster's failures now go to: itself, or where it was merged. */
  static long resolve(Handle h, long clusterId) {
    ClusterDao clusters = h.attach(ClusterDao.class);
    long id = clusterId;
    for (int hops = 0; hops < 100; hops++) {
      Optional<Cluster> c = clusters.find(id);
      if (c.isEmpty() || c.get().mergedInto() == null) {
        return id;
      }
      id = c.get().mergedInto();
    }
    throw new IllegalStateException("cluster " + clusterId + " is merged in a loop");
  }

  /** A cluster's title: its founding failure's key line, shortened. */
  static String title(FailureDocument f) {
    String t =
        f.keyLine() != null && !f.keyLine().isBlank() ? f.keyLine().strip() : f.kind().name();
    return t.length() <= TITLE_CHARS ? t : t.substring(0, TITLE_CHARS - 1) + "…";
  }
}
