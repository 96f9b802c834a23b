package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.TriageAction;
import dev.nightwatch.schema.model.TriageRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Triagers' actions, and the signatures a split pinned to its cluster. */
@RegisterConstructorMapper(TriageRule.class)
@RegisterConstructorMapper(TriageRuleDao.Pin.class)
public interface TriageRuleDao {
  /** Failures with this signature belong to {@code clusterId}. */
  record Pin(
      String fingerprint,
      long clusterId,
      long ruleId,
      FailureKind kind,
      String testFile,
      String keyLine) {}

  @SqlQuery(
      """
      INSERT INTO triage_rules (action, cluster_id, target_id, issue_url, note, actor, created_at)
      VALUES (:action, :clusterId, :targetId, :issueUrl, :note, :actor, :now)
      RETURNING id""")
  long add(
      TriageAction action,
      long clusterId,
      Long targetId,
      String issueUrl,
      String note,
      String actor,
      Instant now);

  @SqlQuery(
      """
      SELECT id, action, cluster_id, target_id, issue_url, note, actor, created_at
        FROM triage_rules WHERE cluster_id = :clusterId OR target_id = :clusterId
       ORDER BY created_at, id""")
  List<TriageRule> forCluster(long clusterId);

  @SqlUpdate(
      """
      INSERT INTO cluster_pins (fingerprint, cluster_id, rule_id, kind, test_file, key_line)
      VALUES (:fingerprint, :clusterId, :ruleId, :kind, :testFile, :keyLine)
      ON CONFLICT (fingerprint) DO UPDATE SET
        cluster_id = excluded.cluster_id, rule_id = excluded.rule_id""")
  void pin(
      String fingerprint,
      long clusterId,
      long ruleId,
      FailureKind kind,
      String testFile,
      String keyLine);

  @SqlQuery(
      """
      SELECT fingerprint, cluster_id, rule_id, kind, test_file, key_line
        FROM cluster_pins WHERE fingerprint = :fingerprint""")
  Optional<Pin> pinOf(String fingerprint);

  @SqlQuery("SELECT fingerprint, cluster_id, rule_id, kind, test_file, key_line FROM cluster_pins")
  List<Pin> pins();

  @SqlUpdate("DELETE FROM cluster_pins")
  void deletePins();
}
