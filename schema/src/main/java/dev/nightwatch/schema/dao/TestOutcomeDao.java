package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.TestOutcome;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Per-build test outcomes: one row per test per build. */
@RegisterConstructorMapper(TestOutcome.class)
public interface TestOutcomeDao {
  /** Stores the outcome, replacing an earlier one for the same build and test. */
  @SqlUpdate(
      """
      INSERT INTO test_outcomes (build_id, test_name, status, duration_ms)
      VALUES (:o.buildId, :o.testName, :o.status, :o.durationMillis)
      ON CONFLICT (build_id, test_name) DO UPDATE SET
        status = excluded.status, duration_ms = excluded.duration_ms""")
  void upsert(@BindMethods("o") TestOutcome o);

  @SqlQuery(
      """
      SELECT build_id, test_name, status, duration_ms AS duration_millis
        FROM test_outcomes WHERE build_id = :buildId ORDER BY test_name""")
  List<TestOutcome> listByBuild(long buildId);

  @SqlUpdate("DELETE FROM test_outcomes WHERE build_id = :buildId")
  void deleteByBuild(long buildId);
}
