package dev.nightwatch.schema.dao;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The builds waiting for the notifier's decision, oldest first. */
public interface NotifyQueueDao {
  @SqlUpdate(
      """
      INSERT INTO notify_queue (build_id, queued_at) VALUES (:buildId, :now)
      ON CONFLICT (build_id) DO UPDATE SET queued_at = excluded.queued_at""")
  void enqueue(long buildId, Instant now);

  @SqlQuery("SELECT build_id FROM notify_queue ORDER BY queued_at, build_id LIMIT :limit")
  List<Long> next(int limit);

  @SqlUpdate("DELETE FROM notify_queue WHERE build_id = :buildId")
  void delete(long buildId);

  @SqlQuery("SELECT COUNT(*) FROM notify_queue")
  long count();
}
