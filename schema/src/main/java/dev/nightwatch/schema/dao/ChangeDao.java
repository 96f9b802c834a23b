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
}
