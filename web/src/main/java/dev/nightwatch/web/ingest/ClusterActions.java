package dev.nightwatch.web.ingest;

import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.IndexQueueDao;
import dev.nightwatch.schema.dao.TriageRuleDao;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureDocument;
import dev.nightwatch.schema.model.TriageAction;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jdbi.v3.core.Handle;

/**
 * A triager's actions on clusters — merge, split, link an issue, mark fixed, reopen — each stored
 * as a rule in the same transaction as its effect: a merged cluster's future failures go where it
 * was merged, a split pins its failures' signatures to the new cluster, a fixed cluster reopens on
 * a failure after the fix. Refusals are {@link IllegalArgumentException}s, unknown clusters {@link
 * NoSuchElementException}s.
 */
public final class ClusterActions {
  private final FailureIndexer indexer;
  private final Clock clock;

  public ClusterActions(FailureIndexer indexer, Clock clock) {
    this.indexer = indexer;
    this.clock = clock;
  }

  /** Moves every failure of {@code from} into {@code into}; returns the cluster they are in. */
  public Cluster merge(long from, long into, String actor, String note) throws IOException {
    return indexer.change(
        h -> {
          Instant now = clock.instant();
          ClusterDao clusters = h.attach(ClusterDao.class);
          Cluster source = live(h, from);
          long targetId = ClusterAssigner.resolve(h, into);
          Cluster target = live(h, targetId);
          if (source.id() == target.id()) {
            throw new IllegalArgumentException("cannot merge cluster " + from + " into itself");
          }
          FailureDao failures = h.attach(FailureDao.class);
          TriageRuleDao rules = h.attach(TriageRuleDao.class);
          long rule =
              rules.add(TriageAction.MERGE, source.id(), target.id(), null, note, actor, now);
          // Pinned, the merge outlives re-clustering: these signatures belong to the target.
          for (FailureDocument f : failures.documents(failures.onePerFingerprint(source.id()))) {
            pin(rules, f, target.id(), rule);
          }
          h.attach(IndexQueueDao.class).enqueueCluster(source.id(), now);
          failures.moveCluster(source.id(), target.id(), "merged");
          clusters.mergeInto(source.id(), target.id(), now);
          if (target.issueUrl() == null && source.issueUrl() != null) {
            clusters.linkIssue(target.id(), source.issueUrl(), now);
          }
          clusters.recount(List.of(source.id(), target.id()), now);
          return clusters.find(target.id()).orElseThrow();
        });
  }

  /**
   * Moves the given failures, and every failure of the cluster sharing their signatures, into a new
   * cluster; failures with those signatures join it from now on. Returns the new cluster.
   */
  public Cluster split(long clusterId, List<Long> failureIds, String actor, String note)
      throws IOException {
    if (failureIds.isEmpty()) {
      throw new IllegalArgumentException("name the failures to split out");
    }
    return indexer.change(
        h -> {
          Instant now = clock.instant();
          ClusterDao clusters = h.attach(ClusterDao.class);
          FailureDao failures = h.attach(FailureDao.class);
          Cluster source = live(h, clusterId);
          List<Long> distinct = failureIds.stream().distinct().toList();
          List<FailureDocument> chosen = failures.documents(distinct);
          if (chosen.size() < distinct.size()) {
            throw new NoSuchElementException("no such failure among " + distinct);
          }
          Map<String, FailureDocument> bySignature = new LinkedHashMap<>();
          for (FailureDocument f : chosen) {
            if (!Long.valueOf(source.id()).equals(f.clusterId())) {
              throw new IllegalArgumentException(
                  "failure " + f.id() + " is not in cluster " + source.id());
            }
            bySignature.putIfAbsent(f.fingerprint(), f);
          }
          List<Long> moving =
              failures.idsWithFingerprints(source.id(), List.copyOf(bySignature.keySet()));
          if (moving.size() >= failures.countInCluster(source.id())) {
            throw new IllegalArgumentException(
                "splitting those out would leave cluster " + source.id() + " empty; merge instead");
          }
          FailureDocument first = bySignature.values().iterator().next();
          long created =
              clusters.create(
                  first.fingerprint(),
                  first.kind(),
                  ClusterAssigner.title(first),
                  first.time(),
                  now);
          long rule =
              h.attach(TriageRuleDao.class)
                  .add(TriageAction.SPLIT, source.id(), created, null, note, actor, now);
          for (FailureDocument f : bySignature.values()) {
            pin(h.attach(TriageRuleDao.class), f, created, rule);
          }
          IndexQueueDao queue = h.attach(IndexQueueDao.class);
          moving.forEach(id -> queue.enqueue(id, now));
          failures.move(moving, created, "split");
          clusters.recount(List.of(source.id(), created), now);
          clusters.firstKeyLine(source.id()).ifPresent(t -> clusters.retitle(source.id(), t, now));
          return clusters.find(created).orElseThrow();
        });
  }

  /** Links the cluster to an issue (an http or https URL); a blank URL removes the link. */
  public Cluster linkIssue(long clusterId, String url, String actor) throws IOException {
    String link = url == null || url.isBlank() ? null : checkedUrl(url.strip());
    return mark(
        clusterId,
        TriageAction.LINK_ISSUE,
        link,
        null,
        actor,
        (clusters, id, now) -> clusters.linkIssue(id, link, now));
  }

  /** Marks the cluster fixed now: a failure after this reopens it. */
  public Cluster markFixed(long clusterId, String actor, String note) throws IOException {
    return mark(
        clusterId,
        TriageAction.MARK_FIXED,
        null,
        note,
        actor,
        (clusters, id, now) -> clusters.markFixed(id, now));
  }

  /** Takes back a fix. */
  public Cluster reopen(long clusterId, String actor, String note) throws IOException {
    return mark(clusterId, TriageAction.REOPEN, null, note, actor, ClusterDao::reopen);
  }

  /** What an action changes on the cluster itself. */
  @FunctionalInterface
  private interface Mark {
    void apply(ClusterDao clusters, long clusterId, Instant now);
  }

  private Cluster mark(
      long clusterId, TriageAction action, String url, String note, String actor, Mark mark)
      throws IOException {
    return indexer.change(
        h -> {
          Instant now = clock.instant();
          Cluster c = live(h, clusterId);
          ClusterDao clusters = h.attach(ClusterDao.class);
          mark.apply(clusters, c.id(), now);
          h.attach(TriageRuleDao.class).add(action, c.id(), null, url, note, actor, now);
          return clusters.find(c.id()).orElseThrow();
        });
  }

  private static Cluster live(Handle h, long id) {
    Cluster c =
        h.attach(ClusterDao.class)
            .find(id)
            .orElseThrow(() -> new NoSuchElementException("no cluster " + id));
    if (c.mergedInto() != null) {
      throw new IllegalArgumentException(
          "cluster " + id + " was merged into cluster " + c.mergedInto());
    }
    return c;
  }

  private static void pin(TriageRuleDao rules, FailureDocument f, long clusterId, long rule) {
    rules.pin(
        f.fingerprint(),
        clusterId,
        rule,
        f.kind(),
        f.testFile(),
        f.keyLine() == null ? "" : f.keyLine());
  }

  private static String checkedUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri.toString();
      }
    } catch (java.net.URISyntaxException e) {
      // refused below
    }
    throw new IllegalArgumentException("an issue link must be an http or https URL: " + url);
  }
}
