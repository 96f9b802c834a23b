package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.Failure;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The failures found in builds. */
@RegisterConstructorMapper(Failure.class)
public interface FailureDao {
  String COLUMNS =
      """
      id, build_id, log_id, kind, test_name, test_file, key_line, line_number, excerpt, rule,
      fingerprint, flaky, cluster_id, created_at""";

  /** Stores a failure as the build's {@code ordinal}-th and returns its id. */
  @SqlQuery(
      """
      INSERT INTO failures (build_id, log_id, ordinal, kind, test_name, test_file, key_line,
                            line_number, excerpt, rule, fingerprint, flaky, cluster_id, created_at)
      VALUES (:f.buildId, :f.logId, :ordinal, :f.kind, :f.testName, :f.testFile, :f.keyLine,
              :f.lineNumber, :f.excerpt, :f.rule, :f.fingerprint, :f.flaky, :f.clusterId,
              :f.createdAt)
      RETURNING id""")
  long insert(@BindMethods("f") Failure f, int ordinal);

  @SqlQuery("SELECT " + COLUMNS + " FROM failures WHERE id = :id")
  Optional<Failure> find(long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM failures WHERE build_id = :buildId ORDER BY ordinal")
  List<Failure> listByBuild(long buildId);

  @SqlUpdate("DELETE FROM failures WHERE build_id = :buildId")
  void deleteByBuild(long buildId);
}
