package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.Failure;
import dev.nightwatch.schema.model.FailureDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The failures found in builds. */
@RegisterConstructorMapper(Failure.class)
public interface FailureDao {
  String COLUMNS =
      """
      id, build_id, log_id, kind, test_name, test_file, key_line, line_number, excerpt, rule,
      fingerprint, flaky, cluster_id, created_at""";

  /** Stores a failure as the build's {@code ordinal}-th and returns its id. */
  @SqlQuery(
      """
      INSERT INTO failures (build_id, log_id, ordinal, kind, test_name, test_file, key_line,
                            line_number, excerpt, rule, fingerprint, flaky, cluster_id, created_at,
                            finished_at)
      VALUES (:f.buildId, :f.logId, :ordinal, :f.kind, :f.testName, :f.testFile, :f.keyLine,
              :f.lineNumber, :f.excerpt, :f.rule, :f.fingerprint, :f.flaky, :f.clusterId,
              :f.createdAt, (SELECT finished_at FROM builds WHERE id = :f.buildId))
      RETURNING id""")
  long insert(@BindMethods("f") Failure f, int ordinal);

  @SqlQuery("SELECT " + COLUMNS + " FROM failures WHERE id = :id")
  Optional<Failure> find(long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM failures WHERE build_id = :buildId ORDER BY ordinal")
  List<Failure> listByBuild(long buildId);

  @SqlUpdate("DELETE FROM failures WHERE build_id = :buildId")
  void deleteByBuild(long buildId);

  /** The clusters the build's failures are in, before they are replaced. */
  @SqlQuery(
      "SELECT DISTINCT cluster_id FROM failures WHERE build_id = :buildId AND cluster_id IS NOT NULL")
  List<Long> clustersOfBuild(long buildId);

  String DOCUMENT =
      """
      SELECT f.id, f.build_id, f.kind, f.test_name, f.test_file, f.key_line, f.excerpt,
             f.fingerprint, f.normalized_text, f.normalization_version, f.cluster_id,
             f.cluster_score, f.cluster_method, f.cluster_match_id, f.cluster_version, f.flaky,
             r.name AS builder, w.name AS worker, b.branch, b.revision, b.finished_at AS time
        FROM failures f
        JOIN builds b ON b.id = f.build_id
        JOIN builders r ON r.id = b.builder_id
        LEFT JOIN workers w ON w.id = b.worker_id
      """;

  /** When and on which builder one failure of a cluster happened. */
  record Occurrence(String builder, Instant time) {}

  /**
   * The cluster's failures in builds finished in {@code [from, to]}: a range of the (cluster, time)
   * index, however many failures the cluster has outside it.
   */
  @SqlQuery(
      """
      SELECT r.name AS builder, f.finished_at AS time
        FROM failures f JOIN builds b ON b.id = f.build_id JOIN builders r ON r.id = b.builder_id
       WHERE f.cluster_id = :clusterId AND f.finished_at >= :from AND f.finished_at <= :to""")
  @RegisterConstructorMapper(Occurrence.class)
  List<Occurrence> occurrences(long clusterId, Instant from, Instant to);

  /** The failures of builds finished since a time, newest first. */
  @SqlQuery(
      DOCUMENT + " WHERE b.finished_at >= :since ORDER BY b.finished_at DESC, f.id LIMIT :limit")
  @RegisterConstructorMapper(FailureDocument.class)
  List<FailureDocument> since(Instant since, int limit);

  @SqlQuery(
      "SELECT COUNT(*) FROM failures f JOIN builds b ON b.id = f.build_id"
          + " WHERE b.finished_at >= :since")
  long countSince(Instant since);

  @SqlQuery(DOCUMENT + " WHERE f.id = :id")
  @RegisterConstructorMapper(FailureDocument.class)
  Optional<FailureDocument> document(long id);

  /** The failures with these ids, in no particular order; none for no ids. */
  default List<FailureDocument> documents(List<Long> ids) {
    List<FailureDocument> found = new ArrayList<>();
    Slices.of(ids).forEach(slice -> found.addAll(documentsIn(slice)));
    return found;
  }

  @SqlQuery(DOCUMENT + " WHERE f.id IN (<ids>)")
  @RegisterConstructorMapper(FailureDocument.class)
  List<FailureDocument> documentsIn(@BindList("ids") List<Long> ids);

  /** Failures in id order after {@code afterId}, a batch at a time, for a rebuild. */
  @SqlQuery(DOCUMENT + " WHERE f.id > :afterId ORDER BY f.id LIMIT :limit")
  @RegisterConstructorMapper(FailureDocument.class)
  List<FailureDocument> documentsAfter(long afterId, int limit);

  /**
   * A cluster's members, newest first, a page at a time: a walk of the (cluster, time) index that
   * stops after the page.
   */
  @SqlQuery(
      DOCUMENT
          + " WHERE f.cluster_id = :clusterId"
          + " ORDER BY f.finished_at DESC, f.build_id DESC, f.id DESC"
          + " LIMIT :limit OFFSET :offset")
  @RegisterConstructorMapper(FailureDocument.class)
  List<FailureDocument> members(long clusterId, int offset, int limit);

  /** Records the failure's signature and normalized text, and the cluster it was placed in. */
  @SqlUpdate(
      """
      UPDATE failures SET fingerprint = :f.fingerprint, normalized_text = :f.normalizedText,
             normalization_version = :f.normalizationVersion, cluster_id = :f.clusterId,
             cluster_score = :f.clusterScore, cluster_method = :f.clusterMethod,
             cluster_match_id = :f.clusterMatchId, cluster_version = :f.clusterVersion
       WHERE id = :f.id""")
  void assign(@BindMethods("f") FailureDocument f);

  /** Moves failures to another cluster, saying how (merged, split). */
  default void move(List<Long> ids, long into, String method) {
    Slices.of(ids).forEach(slice -> moveIn(slice, into, method));
  }

  /** Puts failures in cluster {@code :into}, moved by a triager ({@code :method}). */
  String MOVE =
      """
      UPDATE failures SET cluster_id = :into, cluster_method = :method, cluster_score = 1.0,
             cluster_match_id = NULL
      """;

  @SqlUpdate(MOVE + " WHERE id IN (<ids>)")
  void moveIn(@BindList("ids") List<Long> ids, long into, String method);

  /** One failure (the first) for each fingerprint in the cluster. */
  @SqlQuery(
      "SELECT MIN(id) FROM failures WHERE cluster_id = :clusterId GROUP BY fingerprint ORDER BY 1")
  List<Long> onePerFingerprint(long clusterId);

  /** Moves every failure of a cluster to another, saying how. */
  @SqlUpdate(MOVE + " WHERE cluster_id = :from")
  void moveCluster(long from, long into, String method);

  @SqlQuery("SELECT COUNT(*) FROM failures WHERE cluster_id = :clusterId")
  long countInCluster(long clusterId);

  @SqlQuery("SELECT id FROM failures WHERE cluster_id = :clusterId AND fingerprint IN (<fps>)")
  List<Long> idsWithFingerprints(long clusterId, @BindList("fps") List<String> fingerprints);

  /** The failures' count, the sum of their ids and of their cluster ids, as the index sums them. */
  @SqlQuery(
      "SELECT COUNT(*) AS count, COALESCE(SUM(id), 0) AS id_sum,"
          + " COALESCE(SUM(cluster_id), 0) AS cluster_sum FROM failures")
  @RegisterConstructorMapper(Sums.class)
  Sums sums();

  /** See {@link #sums()}. */
  record Sums(long count, long idSum, long clusterSum) {}

  /** How many failures were placed by another normalization or clustering version. */
  @SqlQuery(
      """
      SELECT COUNT(*) FROM failures
       WHERE cluster_id IS NOT NULL
         AND (normalization_version <> :normalization OR cluster_version <> :clustering)""")
  long countStale(int normalization, int clustering);

  @SqlQuery("SELECT COUNT(*) FROM failures")
  long count();

  /** A cluster's failures in builds finished before a given build: how many, since when. */
  record ClusterBefore(long occurrences, Instant firstSeen) {}

  /** The builds finished before {@code (finishedAt, buildId)}, for the queries below. */
  String BEFORE =
      " AND (b.finished_at < :finishedAt OR (b.finished_at = :finishedAt AND b.id < :buildId))";

  @SqlQuery(
      "SELECT COUNT(*) AS occurrences, MIN(b.finished_at) AS first_seen"
          + " FROM failures f JOIN builds b ON b.id = f.build_id WHERE f.cluster_id = :clusterId"
          + BEFORE)
  @RegisterConstructorMapper(ClusterBefore.class)
  ClusterBefore clusterBefore(long clusterId, Instant finishedAt, long buildId);

  /** The builders that had the cluster before the build, in the order they first had it. */
  @SqlQuery(
      "SELECT r.name FROM failures f JOIN builds b ON b.id = f.build_id"
          + " JOIN builders r ON r.id = b.builder_id WHERE f.cluster_id = :clusterId"
          + BEFORE
          + " GROUP BY r.name ORDER BY MIN(b.finished_at), r.name LIMIT :limit")
  List<String> buildersBefore(long clusterId, Instant finishedAt, long buildId, int limit);

  /** Whether the builder had a failure of the cluster in a build finished before this one. */
  @SqlQuery(
      "SELECT EXISTS (SELECT 1 FROM failures f JOIN builds b ON b.id = f.build_id"
          + " WHERE f.cluster_id = :clusterId AND b.builder_id = :builderId"
          + BEFORE
          + ")")
  boolean seenOnBuilderBefore(long clusterId, long builderId, Instant finishedAt, long buildId);
}
