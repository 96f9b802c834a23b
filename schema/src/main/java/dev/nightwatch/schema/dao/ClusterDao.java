package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureKind;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Failure clusters. */
@RegisterConstructorMapper(Cluster.class)
public interface ClusterDao {
  String COLUMNS =
      "id, fingerprint, kind, title, status, issue_url, first_seen, last_seen, occurrences";

  /** Creates a NEW cluster founded by a failure seen at {@code seen}; returns its id. */
  @SqlQuery(
      """
      INSERT INTO clusters (fingerprint, kind, title, status, first_seen, last_seen, occurrences,
                            created_at)
      VALUES (:fingerprint, :kind, :title, 'NEW', :seen, :seen, 1, :seen)
      RETURNING id""")
  long create(String fingerprint, FailureKind kind, String title, Instant seen);

  /** Counts one more occurrence and marks the cluster KNOWN unless a triager marked it FIXED. */
  @SqlUpdate(
      """
      UPDATE clusters SET occurrences = occurrences + 1,
             last_seen = CASE WHEN last_seen < :seen THEN :seen ELSE last_seen END,
             first_seen = CASE WHEN first_seen > :seen THEN :seen ELSE first_seen END,
             status = CASE WHEN status = 'NEW' THEN 'KNOWN' ELSE status END
       WHERE id = :id""")
  void recordOccurrence(long id, Instant seen);

  @SqlQuery("SELECT " + COLUMNS + " FROM clusters WHERE id = :id")
  Optional<Cluster> find(long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM clusters WHERE fingerprint = :fingerprint")
  Optional<Cluster> findByFingerprint(String fingerprint);
}
