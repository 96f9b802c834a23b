package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.TestOutcome;
import dev.nightwatch.schema.model.TestStatus;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Per-build test outcomes: one row per test per build, tests named once in {@code tests}. */
@RegisterConstructorMapper(TestOutcome.class)
public interface TestOutcomeDao {
  /** A test's outcome in a build, by test id. */
  record Run(long testId, TestStatus status) {}

  @SqlQuery("SELECT test_id, status FROM test_runs WHERE build_id = :buildId")
  @RegisterConstructorMapper(Run.class)
  List<Run> runsOfBuild(long buildId);

  @SqlQuery("SELECT id FROM tests WHERE name = :name")
  Optional<Long> findTest(String name);

  @SqlUpdate("INSERT INTO tests (name) VALUES (:name) ON CONFLICT (name) DO NOTHING")
  void addTest(String name);

  /** The test's id, adding the test when it is new. */
  default long testId(String name) {
    return findTest(name)
        .orElseGet(
            () -> {
              addTest(name);
              return findTest(name).orElseThrow();
            });
  }

  @SqlQuery("SELECT id FROM tests WHERE name IN (<names>)")
  List<Long> findTests(@BindList("names") List<String> names);

  @SqlUpdate(
      """
      INSERT INTO test_runs (build_id, test_id, status, duration_ms)
      VALUES (:buildId, :testId, :status, :durationMillis)
      ON CONFLICT (build_id, test_id) DO UPDATE SET
        status = excluded.status, duration_ms = excluded.duration_ms""")
  void upsert(long buildId, long testId, TestStatus status, Long durationMillis);

  @SqlQuery(
      """
      SELECT r.build_id, t.name AS test_name, r.status, r.duration_ms AS duration_millis
        FROM test_runs r JOIN tests t ON t.id = r.test_id
       WHERE r.build_id = :buildId ORDER BY t.name""")
  List<TestOutcome> listByBuild(long buildId);

  /** The ids of the tests that did not pass at first in a build (failed, or flaky). */
  @SqlQuery(
      """
      SELECT test_id FROM test_runs
       WHERE build_id = :buildId AND status NOT IN ('PASSED', 'SKIPPED')""")
  List<Long> unexpectedTests(long buildId);

  @SqlUpdate("DELETE FROM test_runs WHERE build_id = :buildId")
  void deleteByBuild(long buildId);
}
