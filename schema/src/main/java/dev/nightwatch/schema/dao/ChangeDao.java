package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.Change;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The commits each build contains, in order. */
@RegisterConstructorMapper(Change.class)
public interface ChangeDao {
  @SqlUpdate("DELETE FROM build_changes WHERE build_id = :buildId")
  void deleteByBuild(long buildId);

  @SqlUpdate(
      """
      INSERT INTO build_changes (build_id, ordinal, revision, author, message, repository, branch,
                                 committed_at)
      VALUES (:buildId, :ordinal, :c.revision, :c.author, :c.message, :c.repository, :c.branch,
              :c.committedAt)""")
  void insert(long buildId, int ordinal, @BindMethods("c") Change c);

  @SqlQuery(
      """
      SELECT revision, author, message, repository, branch, committed_at
        FROM build_changes WHERE build_id = :buildId ORDER BY ordinal""")
  List<Change> listByBuild(long buildId);

  /**
   * The build's new commits: its changes that the builder's previous finished build did not contain
   * (Buildbot's blamelist runs back to the last green build, so a red streak repeats it).
   */
  @SqlQuery(
      """
      SELECT c.revision, c.author, c.message, c.repository, c.branch, c.committed_at
        FROM build_changes c JOIN builds b ON b.id = c.build_id
       WHERE c.build_id = :buildId
         AND NOT EXISTS (
           SELECT 1 FROM build_changes p
            WHERE p.revision = c.revision
              AND p.build_id = (
                SELECT q.id FROM builds q
                 WHERE q.builder_id = b.builder_id
                   AND (q.finished_at < b.finished_at
                        OR (q.finished_at = b.finished_at AND q.id < b.id))
                 ORDER BY q.finished_at DESC, q.id DESC LIMIT 1))
       ORDER BY c.ordinal""")
  List<Change> newByBuild(long buildId);
}
