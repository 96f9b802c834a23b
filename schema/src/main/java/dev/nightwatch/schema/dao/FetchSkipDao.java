package dev.nightwatch.schema.dao;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The builds and logs a master would not give (404, over the size limit), kept as gaps. */
public interface FetchSkipDao {
  /** A skip with its source's name. */
  record Listed(String source, String url, int status, String message, Instant seenAt) {}

  /** Records the skip, or brings an earlier one of the same address up to date. */
  @SqlUpdate(
      """
      INSERT INTO fetch_skips (source_id, url, status, message, seen_at)
      VALUES (:sourceId, :url, :status, :message, :now)
      ON CONFLICT (source_id, url) DO UPDATE SET
        status = excluded.status, message = excluded.message, seen_at = excluded.seen_at""")
  void upsert(long sourceId, String url, int status, String message, Instant now);

  /** The latest skips, newest first. */
  @SqlQuery(
      """
      SELECT s.name AS source, k.url, k.status, k.message, k.seen_at
        FROM fetch_skips k JOIN sources s ON s.id = k.source_id
       ORDER BY k.seen_at DESC, k.id DESC LIMIT :limit""")
  @RegisterConstructorMapper(Listed.class)
  List<Listed> latest(int limit);
}
