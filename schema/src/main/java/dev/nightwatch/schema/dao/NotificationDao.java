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
                                 comment_url, created_at)
      VALUES (:n.buildId, :n.repository, :n.prNumber, :n.decision, :n.reason, :n.commentBody,
              :n.commentUrl, :n.createdAt)
      RETURNING id""")
  long insert(@BindMethods("n") Notification n);

  @SqlQuery(
      """
      SELECT id, build_id, repository, pr_number, decision, reason, comment_body, comment_url,
             created_at
        FROM notifications WHERE build_id = :buildId ORDER BY id""")
  List<Notification> listByBuild(long buildId);
}
