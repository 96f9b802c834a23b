package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.PrComment;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The one comment per pull request, as last posted or drafted. */
@RegisterConstructorMapper(PrComment.class)
public interface PrCommentDao {
  @SqlQuery(
      """
      SELECT repository, pr_number, comment_id, url, body, dry_run, updated_at
        FROM pr_comments WHERE repository = :repository AND pr_number = :prNumber""")
  Optional<PrComment> find(String repository, int prNumber);

  @SqlUpdate(
      """
      INSERT INTO pr_comments (repository, pr_number, comment_id, url, body, dry_run, updated_at)
      VALUES (:c.repository, :c.prNumber, :c.commentId, :c.url, :c.body, :c.dryRun, :c.updatedAt)
      ON CONFLICT (repository, pr_number) DO UPDATE SET
        comment_id = excluded.comment_id, url = excluded.url, body = excluded.body,
        dry_run = excluded.dry_run, updated_at = excluded.updated_at""")
  void upsert(@BindMethods("c") PrComment c);
}
