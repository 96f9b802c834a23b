package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.BuildLoadRecord;
import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestTotals;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What ingest keeps of test history besides the raw outcomes: each build's load, the per-day
 * aggregates and each test's series per builder; and the report's reads over the aggregates.
 */
@RegisterConstructorMapper(BuildLoadRecord.class)
@RegisterConstructorMapper(TestTotals.class)
public interface TestHistoryDao {
  /** What ingest needs to know of a build to place its outcomes. */
  record BuildFacts(
      long id,
      long builderId,
      int number,
      String branch,
      Long workerId,
      String workerName,
      dev.nightwatch.schema.model.BuildResult result,
      Instant finishedAt) {}

  @SqlQuery(
      """
      SELECT b.id, b.builder_id, b.number, b.branch, b.worker_id, w.name AS worker_name, b.result,
             b.finished_at
        FROM builds b LEFT JOIN workers w ON w.id = b.worker_id WHERE b.id = :buildId""")
  @RegisterConstructorMapper(BuildFacts.class)
  Optional<BuildFacts> buildFacts(long buildId);

  /** Builder rows of {@code test_days} belong to a builder; 0 marks the branch and fleet rows. */
  long ALL = 0;

  /** The branch of the fleet rows. */
  String ALL_BRANCHES = "*";

  @SqlUpdate(
      """
      INSERT INTO build_loads (build_id, worker_id, finished_at, tests_run, tests_failed,
                               tests_newly_failed, incident)
      VALUES (:l.buildId, :l.workerId, :l.finishedAt, :l.testsRun, :l.testsFailed,
              :l.testsNewlyFailed, :l.incident)
      ON CONFLICT (build_id) DO UPDATE SET
        worker_id = excluded.worker_id, finished_at = excluded.finished_at,
        tests_run = excluded.tests_run, tests_failed = excluded.tests_failed,
        tests_newly_failed = excluded.tests_newly_failed, incident = excluded.incident""")
  void saveLoad(@BindMethods("l") BuildLoadRecord l);

  @SqlQuery(
      """
      SELECT build_id, worker_id, finished_at, tests_run, tests_failed, tests_newly_failed,
             incident
        FROM build_loads WHERE build_id = :buildId""")
  Optional<BuildLoadRecord> findLoad(long buildId);

  @SqlUpdate("DELETE FROM build_loads WHERE build_id = :buildId")
  void deleteLoad(long buildId);

  /** The worker's latest builds before a time that were not incidents, newest first. */
  @SqlQuery(
      """
      SELECT build_id, worker_id, finished_at, tests_run, tests_failed, tests_newly_failed,
             incident
        FROM build_loads
       WHERE worker_id = :workerId AND finished_at < :before AND incident = 'NONE'
       ORDER BY finished_at DESC LIMIT :limit""")
  List<BuildLoadRecord> workerLoadsBefore(long workerId, Instant before, int limit);

  /** The builder's build finished just before this one. */
  @SqlQuery(
      """
      SELECT id FROM builds
       WHERE builder_id = :builderId
         AND (finished_at < :finishedAt OR (finished_at = :finishedAt AND id < :buildId))
       ORDER BY finished_at DESC, id DESC LIMIT 1""")
  Optional<Long> previousBuild(long builderId, Instant finishedAt, long buildId);

  /** Adds (or, with negative counts, takes away) outcomes to one row of the aggregates. */
  @SqlUpdate(
      """
      INSERT INTO test_days (builder_id, branch, day, test_id, worker_id, runs, failures, flaky,
                             incidents, red, first_flaky_at, last_flaky_at)
      VALUES (:builderId, :branch, :day, :testId, :workerId, :runs, :failures, :flaky,
              :incidents, :red, :flakyAt, :flakyAt)
      ON CONFLICT (builder_id, branch, day, test_id, worker_id) DO UPDATE SET
        runs = runs + excluded.runs, failures = failures + excluded.failures,
        flaky = flaky + excluded.flaky, incidents = incidents + excluded.incidents,
        red = red + excluded.red,
        first_flaky_at = CASE WHEN excluded.first_flaky_at IS NULL THEN first_flaky_at
                              WHEN first_flaky_at IS NULL THEN excluded.first_flaky_at
                              ELSE MIN(first_flaky_at, excluded.first_flaky_at) END,
        last_flaky_at = CASE WHEN excluded.last_flaky_at IS NULL THEN last_flaky_at
                             WHEN last_flaky_at IS NULL THEN excluded.last_flaky_at
                             ELSE MAX(last_flaky_at, excluded.last_flaky_at) END""")
  void addDay(
      long builderId,
      String branch,
      long day,
      long testId,
      long workerId,
      int runs,
      int failures,
      int flaky,
      int incidents,
      int red,
      Instant flakyAt);

  @SqlQuery(
      "SELECT history FROM test_series WHERE test_id = :testId AND builder_id = :builderId"
          + " AND branch = :branch")
  Optional<byte[]> history(long testId, long builderId, String branch);

  @SqlUpdate(
      """
      INSERT INTO test_series (test_id, builder_id, branch, history, state, segment_build_id,
                               segment_build_number, segment_started_at, segment_runs,
                               segment_unexpected, flip_rate, last_run_at)
      VALUES (:testId, :builderId, :branch, :history, :state, :segmentBuildId,
              :segmentBuildNumber, :segmentStartedAt, :segmentRuns, :segmentUnexpected,
              :flipRate, :lastRunAt)
      ON CONFLICT (test_id, builder_id, branch) DO UPDATE SET
        history = excluded.history, state = excluded.state,
        segment_build_id = excluded.segment_build_id,
        segment_build_number = excluded.segment_build_number,
        segment_started_at = excluded.segment_started_at,
        segment_runs = excluded.segment_runs, segment_unexpected = excluded.segment_unexpected,
        flip_rate = excluded.flip_rate, last_run_at = excluded.last_run_at""")
  void saveSeries(
      long testId,
      long builderId,
      String branch,
      byte[] history,
      SegmentState state,
      Long segmentBuildId,
      Integer segmentBuildNumber,
      Instant segmentStartedAt,
      int segmentRuns,
      int segmentUnexpected,
      double flipRate,
      Instant lastRunAt);

  @SqlUpdate(
      "DELETE FROM test_series WHERE test_id = :testId AND builder_id = :builderId"
          + " AND branch = :branch")
  void deleteSeries(long testId, long builderId, String branch);

  /** Every test's totals over days {@code [from, to]} on a branch ('*': all), all builders. */
  @SqlQuery(
      """
      SELECT d.test_id, t.name AS test_name, SUM(d.runs) AS runs, SUM(d.failures) AS failures,
             SUM(d.flaky) AS flaky, SUM(d.incidents) AS incidents, SUM(d.red) AS red,
             MIN(d.first_flaky_at) AS first_flaky_at, MAX(d.last_flaky_at) AS last_flaky_at
        FROM test_days d JOIN tests t ON t.id = d.test_id
       WHERE d.builder_id = 0 AND d.branch = :branch AND d.day BETWEEN :from AND :to
       GROUP BY d.test_id""")
  List<TestTotals> totals(String branch, long from, long to);

  /** The same on one builder, on one branch or (null) all of them. */
  @SqlQuery(
      """
      SELECT d.test_id, t.name AS test_name, SUM(d.runs) AS runs, SUM(d.failures) AS failures,
             SUM(d.flaky) AS flaky, SUM(d.incidents) AS incidents, SUM(d.red) AS red,
             MIN(d.first_flaky_at) AS first_flaky_at, MAX(d.last_flaky_at) AS last_flaky_at
        FROM test_days d JOIN tests t ON t.id = d.test_id
       WHERE d.builder_id = :builderId AND (:branch IS NULL OR d.branch = :branch)
         AND d.day BETWEEN :from AND :to
       GROUP BY d.test_id""")
  List<TestTotals> builderTotals(long builderId, String branch, long from, long to);
}
