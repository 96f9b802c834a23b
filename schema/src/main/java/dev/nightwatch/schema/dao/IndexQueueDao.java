package dev.nightwatch.schema.dao;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The failures whose index document (and cluster, when they have none) is still to be brought up to
 * date, in the order they changed.
 */
@RegisterConstructorMapper(IndexQueueDao.Entry.class)
public interface IndexQueueDao {
  /** One queued failure. */
  record Entry(long seq, long failureId) {}

  @SqlUpdate("INSERT INTO index_queue (failure_id, queued_at) VALUES (:failureId, :now)")
  void enqueue(long failureId, Instant now);

  /** Queues every failure of a build, as it is now. */
  @SqlUpdate(
      """
      INSERT INTO index_queue (failure_id, queued_at)
      SELECT id, :now FROM failures WHERE build_id = :buildId ORDER BY id""")
  void enqueueBuild(long buildId, Instant now);

  /** Queues every failure of a cluster, as it is now. */
  @SqlUpdate(
      """
      INSERT INTO index_queue (failure_id, queued_at)
      SELECT id, :now FROM failures WHERE cluster_id = :clusterId ORDER BY id""")
  void enqueueCluster(long clusterId, Instant now);

  @SqlQuery("SELECT seq, failure_id FROM index_queue ORDER BY seq LIMIT :limit")
  List<Entry> next(int limit);

  /** Forgets the work up to and including {@code seq}, once the index has committed it. */
  @SqlUpdate("DELETE FROM index_queue WHERE seq <= :seq")
  void deleteThrough(long seq);

  @SqlQuery("SELECT COALESCE(MAX(seq), 0) FROM index_queue")
  long lastSeq();

  @SqlQuery("SELECT COUNT(*) FROM index_queue")
  long count();
}
