package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.TestOutcome;
import dev.nightwatch.schema.model.TestStatus;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
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

  /** A test by id and name. */
  record Test(long id, String name) {}

  /** One outcome to store for a build. */
  record Row(long testId, TestStatus status, Long durationMillis) {}

  @SqlQuery("SELECT id, name FROM tests WHERE name IN (<names>)")
  @RegisterConstructorMapper(Test.class)
  List<Test> findTests(@BindList("names") List<String> names);

  @SqlBatch("INSERT INTO tests (name) VALUES (:name) ON CONFLICT (name) DO NOTHING")
  void addTests(@Bind("name") List<String> names);

  /** The ids of these tests by name, adding those that are new. */
  default Map<String, Long> testIds(Collection<String> names) {
    Map<String, Long> ids = new HashMap<>();
    List<String> all = List.copyOf(new LinkedHashSet<>(names));
    for (List<String> slice : Slices.of(all)) {
      findTests(slice).forEach(t -> ids.put(t.name(), t.id()));
    }
    List<String> missing = all.stream().filter(n -> !ids.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      addTests(missing);
      for (List<String> slice : Slices.of(missing)) {
        findTests(slice).forEach(t -> ids.put(t.name(), t.id()));
      }
    }
    return ids;
  }

  @SqlBatch(
      """
      INSERT INTO test_runs (build_id, test_id, status, duration_ms)
      VALUES (:buildId, :r.testId, :r.status, :r.durationMillis)
      ON CONFLICT (build_id, test_id) DO UPDATE SET
        status = excluded.status, duration_ms = excluded.duration_ms""")
  void upsertAll(long buildId, @BindMethods("r") List<Row> rows);

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
