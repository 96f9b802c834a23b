package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Failure clusters. */
@RegisterConstructorMapper(Cluster.class)
public interface ClusterDao {
  String COLUMNS =
      """
      id, fingerprint, kind, title, status, issue_url, first_seen, last_seen, occurrences,
      merged_into, fixed_at""";

  /** Creates a NEW cluster founded by a failure seen at {@code seen}; returns its id. */
  @SqlQuery(
      """
      INSERT INTO clusters (fingerprint, kind, title, status, first_seen, last_seen, occurrences,
                            created_at, updated_at)
      VALUES (:fingerprint, :kind, :title, 'NEW', :seen, :seen, 1, :now, :now)
      RETURNING id""")
  long create(String fingerprint, FailureKind kind, String title, Instant seen, Instant now);

  /**
   * Counts one more failure seen at {@code seen}: the cluster is KNOWN from its second failure on,
   * and a FIXED cluster with a failure after its fix is KNOWN again.
   */
  @SqlUpdate(
      """
      UPDATE clusters SET occurrences = occurrences + 1,
             last_seen = CASE WHEN last_seen < :seen THEN :seen ELSE last_seen END,
             first_seen = CASE WHEN first_seen > :seen THEN :seen ELSE first_seen END,
             status = CASE WHEN status = 'NEW' THEN 'KNOWN'
                           WHEN status = 'FIXED' AND fixed_at < :seen THEN 'KNOWN'
                           ELSE status END,
             updated_at = :now
       WHERE id = :id""")
  void recordOccurrence(long id, Instant seen, Instant now);

  /**
   * Recounts clusters from their members (after members moved or went): occurrences, first and last
   * seen (a cluster left with no members keeps its times), and status: NEW with one failure, else
   * KNOWN, unless a triager marked it FIXED.
   */
  default void recount(List<Long> ids, Instant now) {
    for (List<Long> slice : Slices.of(ids)) {
      recountMembers(slice, now);
      restatus(slice);
    }
  }

  @SqlUpdate(
      """
      UPDATE clusters SET
        occurrences = (SELECT COUNT(*) FROM failures f WHERE f.cluster_id = clusters.id),
        first_seen = COALESCE((SELECT MIN(b.finished_at) FROM failures f
                                 JOIN builds b ON b.id = f.build_id
                                WHERE f.cluster_id = clusters.id), first_seen),
        last_seen = COALESCE((SELECT MAX(b.finished_at) FROM failures f
                                JOIN builds b ON b.id = f.build_id
                               WHERE f.cluster_id = clusters.id), last_seen),
        updated_at = :now
       WHERE id IN (<ids>)""")
  void recountMembers(@BindList("ids") List<Long> ids, Instant now);

  @SqlUpdate(
      """
      UPDATE clusters SET status = CASE WHEN occurrences <= 1 THEN 'NEW' ELSE 'KNOWN' END
       WHERE id IN (<ids>) AND status <> 'FIXED'""")
  void restatus(@BindList("ids") List<Long> ids);

  @SqlUpdate("UPDATE clusters SET merged_into = :into, updated_at = :now WHERE id = :id")
  void mergeInto(long id, long into, Instant now);

  @SqlUpdate("UPDATE clusters SET issue_url = :url, updated_at = :now WHERE id = :id")
  void linkIssue(long id, String url, Instant now);

  @SqlUpdate(
      "UPDATE clusters SET status = 'FIXED', fixed_at = :at, updated_at = :at WHERE id = :id")
  void markFixed(long id, Instant at);

  @SqlUpdate(
      """
      UPDATE clusters SET status = CASE WHEN occurrences <= 1 THEN 'NEW' ELSE 'KNOWN' END,
             fixed_at = NULL, updated_at = :now
       WHERE id = :id""")
  void reopen(long id, Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM clusters WHERE id = :id")
  Optional<Cluster> find(long id);

  /** The clusters with these ids; none for no ids. */
  default List<Cluster> list(List<Long> ids) {
    List<Cluster> found = new ArrayList<>();
    Slices.of(ids).forEach(slice -> found.addAll(listIn(slice)));
    return found;
  }

  @SqlQuery("SELECT " + COLUMNS + " FROM clusters WHERE id IN (<ids>)")
  List<Cluster> listIn(@BindList("ids") List<Long> ids);

  /** Clusters first seen since a time, newest first (through the last-seen index). */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
           FROM clusters
          WHERE last_seen >= :since AND first_seen >= :since AND merged_into IS NULL
          ORDER BY first_seen DESC, id DESC LIMIT :limit""")
  List<Cluster> firstSeenSince(Instant since, int limit);

  /** Clusters last seen most recently, not merged away, a page at a time. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
           FROM clusters WHERE merged_into IS NULL
          ORDER BY last_seen DESC, id DESC LIMIT :limit OFFSET :offset""")
  List<Cluster> recent(int offset, int limit);

  /** The cluster's earliest member, for titles after a split or a re-clustering. */
  @SqlQuery(
      """
      SELECT f.key_line FROM failures f WHERE f.cluster_id = :id AND f.key_line IS NOT NULL
       ORDER BY f.id LIMIT 1""")
  Optional<String> firstKeyLine(long id);

  @SqlUpdate("UPDATE clusters SET title = :title, updated_at = :now WHERE id = :id")
  void retitle(long id, String title, Instant now);

  @SqlQuery("SELECT COUNT(*) FROM clusters WHERE merged_into IS NULL")
  long count();

  /** Where a cluster's failures happened: one builder, worker or branch, and how often. */
  record Spread(String name, long failures, Instant lastSeen) {}

  /** What a cluster's failures are spread over. */
  enum Over {
    BUILDER("r.name"),
    WORKER("w.name"),
    BRANCH("b.branch");

    private final String column;

    Over(String column) {
      this.column = column;
    }

    /** The column, from this fixed list only: it is written into the SQL, never bound. */
    public String column() {
      return column;
    }
  }

  /**
   * The builders, workers or branches the cluster's latest {@code window} failures happened on,
   * most failures first: a walk of the (cluster, time) index that stops after {@code window}
   * failures, however many the cluster has.
   */
  default List<Spread> spread(long clusterId, Over over, int window, int limit) {
    return spreadBy(clusterId, over.column(), window, limit);
  }

  @SqlQuery(
      """
      SELECT <column> AS name, COUNT(*) AS failures, MAX(b.finished_at) AS last_seen
        FROM (SELECT build_id FROM failures WHERE cluster_id = :clusterId
               ORDER BY finished_at DESC, build_id DESC, id DESC LIMIT :window) f
        JOIN builds b ON b.id = f.build_id
        JOIN builders r ON r.id = b.builder_id
        LEFT JOIN workers w ON w.id = b.worker_id
       WHERE <column> IS NOT NULL
       GROUP BY <column> ORDER BY failures DESC, name LIMIT :limit""")
  @RegisterConstructorMapper(Spread.class)
  List<Spread> spreadBy(long clusterId, @Define("column") String column, int window, int limit);
}
