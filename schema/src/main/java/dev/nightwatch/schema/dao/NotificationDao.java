package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.Notification;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The notifier's recorded decisions. */
@RegisterConstructorMapper(Notification.class)
public interface NotificationDao {
  @SqlQuery(
      """
      INSERT INTO notifications (build_id, repository, pr_number, decision, reason, comment_body,
                                 comment_url, created_at, failure_ids)
      VALUES (:n.buildId, :n.repository, :n.prNumber, :n.decision, :n.reason, :n.commentBody,
              :n.commentUrl, :n.createdAt, :n.failureIds)
      RETURNING id""")
  long insert(@BindMethods("n") Notification n);

  @SqlQuery(
      """
      SELECT id, build_id, repository, pr_number, decision, reason, comment_body, comment_url,
             created_at, failure_ids
        FROM notifications WHERE build_id = :buildId ORDER BY id""")
  List<Notification> listByBuild(long buildId);

  /**
   * For each build the PR was blamed for, its latest decision about the PR, if that still blames it
   * (posted, updated or drafted, and no later skip), oldest build first: the builds the PR's
   * comment shows.
   */
  @SqlQuery(
      """
      SELECT n.id, n.build_id, n.repository, n.pr_number, n.decision, n.reason, n.comment_body,
             n.comment_url, n.created_at, n.failure_ids
        FROM notifications n JOIN builds b ON b.id = n.build_id
       WHERE n.repository = :repository AND n.pr_number = :prNumber
         AND n.decision IN ('POSTED', 'UPDATED', 'DRY_RUN')
         AND n.id = (SELECT MAX(m.id) FROM notifications m
                      WHERE m.build_id = n.build_id
                        AND (m.pr_number IS NULL
                             OR (m.repository = n.repository AND m.pr_number = n.pr_number)))
       ORDER BY b.finished_at, b.id""")
  List<Notification> blaming(String repository, int prNumber);
}
