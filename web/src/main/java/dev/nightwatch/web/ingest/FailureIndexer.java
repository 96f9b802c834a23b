package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.dedup.ClusterMatcher;
import dev.nightwatch.analyzer.dedup.FailureIndex;
import dev.nightwatch.analyzer.fingerprint.Fingerprint;
import dev.nightwatch.analyzer.fingerprint.Normalizer;
import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.IndexQueueDao;
import dev.nightwatch.schema.dao.TriageRuleDao;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureDocument;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the failure index and the clusters in step with the database, the only writer of both: it
 * works through the index queue in order (placing each unclustered failure in a cluster, then
 * indexing it), commits the index, and only then forgets the work, so a crash anywhere leaves the
 * work queued to be redone. On open it checks that index and database agree, and repairs them when
 * they do not: a rebuild when their sums differ, a re-clustering when failures were placed by
 * another normalization or clustering version.
 */
public final class FailureIndexer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(FailureIndexer.class);
  private static final int BATCH = 500;

  /** What {@link #reconcile} found and did, for the log. */
  public record Reconciliation(String action, long failures, long queued) {}

  private final Jdbi jdbi;
  private final FailureIndex index;
  private final ClusterAssigner assigner;
  private final Clock clock;

  private FailureIndexer(Jdbi jdbi, FailureIndex index, double threshold, Clock clock) {
    this.jdbi = jdbi;
    this.index = index;
    this.assigner = new ClusterAssigner(index, threshold);
    this.clock = clock;
  }

  /**
   * Opens the index in {@code dir} over the database.
   *
   * @throws FailureIndex.BusyException when another process holds the index
   */
  public static FailureIndexer open(Jdbi jdbi, Path dir, double threshold, Clock clock)
      throws IOException {
    return new FailureIndexer(jdbi, FailureIndex.open(dir), threshold, clock);
  }

  /** The index, for searches (which need no lock). */
  public FailureIndex index() {
    return index;
  }

  /** Works through the whole queue; returns how many entries it did. */
  public synchronized int drain() throws IOException {
    int done = 0;
    while (true) {
      List<IndexQueueDao.Entry> batch = jdbi.onDemand(IndexQueueDao.class).next(BATCH);
      if (batch.isEmpty()) {
        return done;
      }
      List<Long> ids = failureIds(batch);
      try {
        jdbi.useTransaction(h -> apply(h, ids));
      } catch (RuntimeException | IOException e) {
        // The transaction rolled back: put back what the index holds for these failures.
        assigner.forget();
        reindex(ids);
        throw e;
      }
      index.commit();
      jdbi.onDemand(IndexQueueDao.class).deleteThrough(batch.get(batch.size() - 1).seq());
      done += batch.size();
    }
  }

  private static List<Long> failureIds(List<IndexQueueDao.Entry> batch) {
    return batch.stream().map(IndexQueueDao.Entry::failureId).distinct().toList();
  }

  /** Places the unclustered ones of these failures, and indexes them all as stored. */
  private void apply(Handle h, List<Long> ids) throws IOException {
    put(h.attach(FailureDao.class), h, ids);
  }

  /** Re-reads failures from the database into the index, as they are stored. */
  private void reindex(List<Long> ids) throws IOException {
    put(jdbi.onDemand(FailureDao.class), null, ids);
    index.commit();
  }

  /**
   * Indexes the failures with these ids as stored, in order; with a handle, places each unclustered
   * one first, in that handle's transaction.
   */
  private void put(FailureDao failures, Handle placeIn, List<Long> ids) throws IOException {
    Map<Long, FailureDocument> docs = new HashMap<>();
    failures.documents(ids).forEach(f -> docs.put(f.id(), f));
    for (long id : ids) {
      FailureDocument f = docs.get(id);
      if (f == null) {
        index.delete(id);
        continue;
      }
      if (placeIn != null && f.clusterId() == null) {
        f = assigner.assign(placeIn, f, null, clock.instant());
      }
      index.upsert(Indexing.indexed(f));
    }
  }

  /**
   * Brings the index and clusters up to date after a start, a crash or a version change: drains the
   * queue, re-clusters when stale placements exist, and rebuilds the index when its sums disagree
   * with the database's.
   */
  public synchronized Reconciliation reconcile() throws IOException {
    drain();
    FailureDao failures = jdbi.onDemand(FailureDao.class);
    long stale = failures.countStale(Normalizer.VERSION, ClusterMatcher.VERSION);
    if (stale > 0) {
      LOG.warn("{} failures were clustered by an older version; re-clustering all", stale);
      recluster();
      return new Reconciliation("re-clustered", failures.count(), 0);
    }
    Snapshot db = jdbi.inTransaction(h -> snapshot(h));
    if (db.queued() > 0) {
      return new Reconciliation("busy", db.sums().count(), db.queued());
    }
    FailureIndex.Checksum have = index.checksum();
    FailureDao.Sums want = db.sums();
    if (have.count() == want.count()
        && have.idSum() == want.idSum()
        && have.clusterSum() == want.clusterSum()) {
      return new Reconciliation("in step", want.count(), 0);
    }
    LOG.warn(
        "the failure index disagrees with the database ({} documents, {} failures); rebuilding",
        have.count(),
        want.count());
    rebuild();
    return new Reconciliation("rebuilt", want.count(), 0);
  }

  private record Snapshot(FailureDao.Sums sums, long queued) {}

  private static Snapshot snapshot(Handle h) {
    return new Snapshot(h.attach(FailureDao.class).sums(), h.attach(IndexQueueDao.class).count());
  }

  /** Rebuilds the index from the database, then places whatever is still unclustered. */
  public synchronized long rebuild() throws IOException {
    index.deleteAll();
    long count =
        eachBatch(
            batch -> {
              for (FailureDocument f : batch) {
                index.upsert(Indexing.indexed(f));
              }
            });
    index.commit();
    assigner.forget();
    drain();
    return count;
  }

  /** Work on one batch of stored failures. */
  @FunctionalInterface
  private interface BatchWork {
    void apply(List<FailureDocument> batch) throws IOException;
  }

  /** Runs through every stored failure in id order, a batch at a time; returns how many. */
  private long eachBatch(BatchWork work) throws IOException {
    FailureDao failures = jdbi.onDemand(FailureDao.class);
    long count = 0;
    long after = 0;
    while (true) {
      List<FailureDocument> batch = failures.documentsAfter(after, BATCH);
      if (batch.isEmpty()) {
        return count;
      }
      work.apply(batch);
      count += batch.size();
      after = batch.get(batch.size() - 1).id();
    }
  }

  /**
   * Places every failure again, oldest first, with the current normalization and method; clusters
   * keep their ids (and so their issues, fixes and merges) wherever their failures still found one,
   * and a split's pins are recomputed from the signatures they keep.
   */
  public synchronized long recluster() throws IOException {
    long queuedBefore = jdbi.onDemand(IndexQueueDao.class).lastSeq();
    index.deleteAll();
    index.commit();
    assigner.forget();
    repin();
    Set<Long> claimed = new HashSet<>();
    Set<Long> touched = new HashSet<>();
    Map<Long, Map<Long, Integer>> moved = new HashMap<>();
    long count =
        eachBatch(
            batch ->
                jdbi.useTransaction(
                    h -> {
                      for (FailureDocument f : batch) {
                        FailureDocument placed = assigner.assign(h, f, claimed, clock.instant());
                        touched.add(placed.clusterId());
                        if (f.clusterId() != null) {
                          touched.add(f.clusterId());
                          if (!f.clusterId().equals(placed.clusterId())) {
                            moved
                                .computeIfAbsent(f.clusterId(), k -> new HashMap<>())
                                .merge(placed.clusterId(), 1, Integer::sum);
                          }
                        }
                        index.upsert(Indexing.indexed(placed));
                      }
                    }));
    jdbi.useTransaction(
        h -> h.attach(ClusterDao.class).recount(new ArrayList<>(touched), clock.instant()));
    foldEmptied(moved);
    index.commit();
    jdbi.onDemand(IndexQueueDao.class).deleteThrough(queuedBefore);
    drain();
    return count;
  }

  /**
   * A cluster that re-clustering emptied is merged into the cluster most of its failures went to,
   * handing on its issue link, so a triager's link still shows.
   */
  private void foldEmptied(Map<Long, Map<Long, Integer>> moved) {
    jdbi.useTransaction(
        h -> {
          ClusterDao clusters = h.attach(ClusterDao.class);
          for (var e : moved.entrySet()) {
            Cluster old = clusters.find(e.getKey()).orElse(null);
            if (old == null || old.occurrences() > 0 || old.mergedInto() != null) {
              continue;
            }
            long into =
                e.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
            clusters.mergeInto(old.id(), into, clock.instant());
            Cluster target = clusters.find(into).orElseThrow();
            if (old.issueUrl() != null && target.issueUrl() == null) {
              clusters.linkIssue(into, old.issueUrl(), clock.instant());
            }
          }
        });
  }

  /** Recomputes the fingerprints a split pinned, from the raw signatures the pins keep. */
  private void repin() {
    jdbi.useTransaction(
        h -> {
          TriageRuleDao rules = h.attach(TriageRuleDao.class);
          List<TriageRuleDao.Pin> pins = rules.pins();
          rules.deletePins();
          for (TriageRuleDao.Pin p : pins) {
            rules.pin(
                Fingerprint.of(p.kind(), p.testFile(), p.keyLine()),
                p.clusterId(),
                p.ruleId(),
                p.kind(),
                p.testFile(),
                p.keyLine());
          }
        });
  }

  /**
   * Runs a change to clusters (a triager's action) with the indexer to itself, then brings the
   * index up to date with what it queued.
   */
  public synchronized <T> T change(Change<T> change) throws IOException {
    T result = jdbi.inTransaction(change::apply);
    assigner.forget();
    drain();
    return result;
  }

  /** A change to clusters, in one transaction. */
  @FunctionalInterface
  public interface Change<T> {
    T apply(Handle handle);
  }

  /**
   * Does one batch of the queue in the database and the index, but commits neither the index nor
   * the queue: what a crash right after the database's commit leaves; for tests.
   */
  synchronized void drainOneBatchWithoutCommitting() throws IOException {
    List<Long> ids = failureIds(jdbi.onDemand(IndexQueueDao.class).next(BATCH));
    jdbi.useTransaction(h -> apply(h, ids));
  }

  /** Drops uncommitted index work and closes, as a crash would; for tests. */
  void abandon() throws IOException {
    index.abandon();
  }

  @Override
  public synchronized void close() throws IOException {
    index.close();
  }
}
