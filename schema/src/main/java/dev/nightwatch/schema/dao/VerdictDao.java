package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.BuildVerdict;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The analyzer's verdict on each build, one per build. */
@RegisterConstructorMapper(BuildVerdict.class)
public interface VerdictDao {
  @SqlUpdate(
      """
      INSERT INTO build_verdicts (build_id, status, kind, reason, key_line, line_number, log_id,
                                  analyzer_version, analyzed_at)
      VALUES (:v.buildId, :v.status, :v.kind, :v.reason, :v.keyLine, :v.lineNumber, :v.logId,
              :v.analyzerVersion, :v.analyzedAt)
      ON CONFLICT (build_id) DO UPDATE SET
        status = excluded.status, kind = excluded.kind, reason = excluded.reason,
        key_line = excluded.key_line, line_number = excluded.line_number,
        log_id = excluded.log_id, analyzer_version = excluded.analyzer_version,
        analyzed_at = excluded.analyzed_at""")
  void save(@BindMethods("v") BuildVerdict v);

  @SqlQuery(
      """
      SELECT build_id, status, kind, reason, key_line, line_number, log_id, analyzer_version,
             analyzed_at
        FROM build_verdicts WHERE build_id = :buildId""")
  Optional<BuildVerdict> find(long buildId);

  @SqlQuery(
      """
      SELECT build_id, status, kind, reason, key_line, line_number, log_id, analyzer_version,
             analyzed_at
        FROM build_verdicts WHERE build_id IN (<buildIds>)""")
  List<BuildVerdict> listByBuilds(@BindList("buildIds") List<Long> buildIds);
}
