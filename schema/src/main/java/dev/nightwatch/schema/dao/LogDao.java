package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.LogInfo;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Log metadata and their compressed chunks; {@code LogStore} does the chunking. */
@RegisterConstructorMapper(LogInfo.class)
@RegisterConstructorMapper(LogChunk.class)
public interface LogDao {
  String SELECT =
      """
      SELECT l.id, s.build_id, l.step_id, s.name AS step_name, l.name, l.raw_size,
             l.stored_size, l.line_count, l.sha256, l.valid_utf8
        FROM logs l JOIN steps s ON s.id = l.step_id
      """;

  @SqlQuery(
      """
      INSERT INTO logs (step_id, name, raw_size, stored_size, line_count, sha256, valid_utf8,
                        compression)
      VALUES (:stepId, :name, 0, 0, 0, '', TRUE, :compression)
      RETURNING id""")
  long insert(long stepId, String name, String compression);

  @SqlUpdate(
      """
      UPDATE logs SET raw_size = :rawSize, stored_size = :storedSize, line_count = :lineCount,
                      sha256 = :sha256, valid_utf8 = :validUtf8
       WHERE id = :id""")
  void finish(
      long id, long rawSize, long storedSize, long lineCount, String sha256, boolean validUtf8);

  @SqlUpdate("DELETE FROM logs WHERE id = :id")
  void delete(long id);

  @SqlQuery(SELECT + " WHERE l.id = :id")
  Optional<LogInfo> find(long id);

  @SqlQuery(SELECT + " WHERE l.step_id = :stepId AND l.name = :name")
  Optional<LogInfo> findByStep(long stepId, String name);

  @SqlQuery(SELECT + " WHERE s.build_id = :buildId ORDER BY s.number, l.id")
  List<LogInfo> listByBuild(long buildId);

  @SqlUpdate(
      """
      INSERT INTO log_chunks (log_id, seq, first_line, line_count, raw_offset, raw_size, data)
      VALUES (:logId, :seq, :firstLine, :lineCount, :rawOffset, :rawSize, :data)""")
  void insertChunk(
      long logId,
      int seq,
      long firstLine,
      long lineCount,
      long rawOffset,
      int rawSize,
      byte[] data);

  /** The chunk holding the given 1-based line, if the log has that line. */
  @SqlQuery(
      """
      SELECT log_id, seq, first_line, line_count, raw_offset, raw_size, data FROM log_chunks
       WHERE log_id = :logId AND first_line <= :line AND first_line + line_count > :line""")
  Optional<LogChunk> chunkWithLine(long logId, long line);

  @SqlQuery(
      """
      SELECT log_id, seq, first_line, line_count, raw_offset, raw_size, data FROM log_chunks
       WHERE log_id = :logId AND seq = :seq""")
  Optional<LogChunk> chunk(long logId, int seq);
}
