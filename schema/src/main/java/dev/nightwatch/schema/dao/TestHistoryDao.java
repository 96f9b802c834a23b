package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.BuildLoadRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestSeries;
import dev.nightwatch.schema.model.TestTotals;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
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
      BuildResult result,
      Instant finishedAt) {
    /** The branch as the history keys it: '' when the build did not say. */
    public String branchKey() {
      return branch == null ? "" : branch;
    }
  }

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

  /** One of a builder's earlier builds, and whether it had a failure of a given cluster. */
  record BuildBefore(long id, int number, boolean hasCluster) {}

  /**
   * The builder's builds finished before this one, latest first, each saying whether it had a
   * failure of {@code clusterId} (never, when that is null).
   */
  @SqlQuery(
      """
      SELECT b.id, b.number,
             EXISTS (SELECT 1 FROM failures f
                      WHERE f.build_id = b.id AND f.cluster_id = :clusterId) AS has_cluster
        FROM builds b
       WHERE b.builder_id = :builderId
         AND (b.finished_at < :finishedAt OR (b.finished_at = :finishedAt AND b.id < :buildId))
       ORDER BY b.finished_at DESC, b.id DESC LIMIT :limit""")
  @RegisterConstructorMapper(BuildBefore.class)
  List<BuildBefore> buildsBefore(
      long builderId, Instant finishedAt, long buildId, Long clusterId, int limit);

  /** The builder's build finished just before this one. */
  default Optional<Long> previousBuild(long builderId, Instant finishedAt, long buildId) {
    return buildsBefore(builderId, finishedAt, buildId, null, 1).stream()
        .findFirst()
        .map(BuildBefore::id);
  }

  /** Outcomes to add to (or, negative, take away from) one row of the aggregates. */
  record DayDelta(
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
      Instant flakyAt) {}

  /**
   * Adds deltas to the rows of {@code <table>} ({@code test_days} or {@code test_weeks}), whose
   * period column {@code <period>} is {@code <value>} of the delta's day; all three are constants.
   */
  @SqlBatch(
      """
      INSERT INTO <table> (builder_id, branch, <period>, test_id, worker_id, runs, failures, flaky,
                           incidents, red, first_flaky_at, last_flaky_at)
      VALUES (:d.builderId, :d.branch, <value>, :d.testId, :d.workerId, :d.runs, :d.failures,
              :d.flaky, :d.incidents, :d.red, :d.flakyAt, :d.flakyAt)
      ON CONFLICT (builder_id, branch, <period>, test_id, worker_id) DO UPDATE SET
        runs = runs + excluded.runs, failures = failures + excluded.failures,
        flaky = flaky + excluded.flaky, incidents = incidents + excluded.incidents,
        red = red + excluded.red,
        first_flaky_at = CASE WHEN excluded.first_flaky_at IS NULL THEN first_flaky_at
                              WHEN first_flaky_at IS NULL THEN excluded.first_flaky_at
                              ELSE MIN(first_flaky_at, excluded.first_flaky_at) END,
        last_flaky_at = CASE WHEN excluded.last_flaky_at IS NULL THEN last_flaky_at
                             WHEN last_flaky_at IS NULL THEN excluded.last_flaky_at
                             ELSE MAX(last_flaky_at, excluded.last_flaky_at) END""")
  void addRows(
      @Define("table") String table,
      @Define("period") String period,
      @Define("value") String value,
      @BindMethods("d") List<DayDelta> deltas);

  /** Adds the deltas to the day and the week rows. */
  default void addDays(List<DayDelta> deltas) {
    addRows("test_days", "day", ":d.day", deltas);
    addRows("test_weeks", "week", "(:d.day + 3) / 7", deltas);
  }

  /** A test's stored history on one builder and branch. */
  record StoredHistory(long testId, byte[] history) {}

  @SqlQuery(
      """
      SELECT test_id, history FROM test_series
       WHERE builder_id = :builderId AND branch = :branch AND test_id IN (<testIds>)""")
  @RegisterConstructorMapper(StoredHistory.class)
  List<StoredHistory> storedHistories(
      long builderId, String branch, @BindList("testIds") List<Long> testIds);

  /** The stored histories of these tests on one builder and branch, by test id. */
  default Map<Long, byte[]> histories(long builderId, String branch, List<Long> testIds) {
    Map<Long, byte[]> out = new HashMap<>();
    for (List<Long> slice : Slices.of(testIds)) {
      storedHistories(builderId, branch, slice).forEach(h -> out.put(h.testId(), h.history()));
    }
    return out;
  }

  @SqlQuery(
      "SELECT history FROM test_series WHERE test_id = :testId AND builder_id = :builderId"
          + " AND branch = :branch")
  Optional<byte[]> history(long testId, long builderId, String branch);

  /** A series row to store: the history and its current segment. */
  record SeriesRow(
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
      Instant lastRunAt) {}

  @SqlBatch(
      """
      INSERT INTO test_series (test_id, builder_id, branch, history, state, segment_build_id,
                               segment_build_number, segment_started_at, segment_runs,
                               segment_unexpected, flip_rate, last_run_at)
      VALUES (:s.testId, :s.builderId, :s.branch, :s.history, :s.state, :s.segmentBuildId,
              :s.segmentBuildNumber, :s.segmentStartedAt, :s.segmentRuns, :s.segmentUnexpected,
              :s.flipRate, :s.lastRunAt)
      ON CONFLICT (test_id, builder_id, branch) DO UPDATE SET
        history = excluded.history, state = excluded.state,
        segment_build_id = excluded.segment_build_id,
        segment_build_number = excluded.segment_build_number,
        segment_started_at = excluded.segment_started_at,
        segment_runs = excluded.segment_runs, segment_unexpected = excluded.segment_unexpected,
        flip_rate = excluded.flip_rate, last_run_at = excluded.last_run_at""")
  void saveSeries(@BindMethods("s") List<SeriesRow> rows);

  @SqlBatch(
      "DELETE FROM test_series WHERE test_id = :testId AND builder_id = :builderId"
          + " AND branch = :branch")
  void deleteSeries(@Bind("testId") List<Long> testIds, long builderId, String branch);

  /**
   * Each test's sums over periods {@code [from, to]} of {@code <table>} ({@code test_days} by
   * {@code day}, {@code test_weeks} by {@code week}) for the rows {@code <rows>} picks; all three
   * are constants below, the values are bound.
   */
  @SqlQuery(
      """
      SELECT d.test_id, t.name AS test_name, SUM(d.runs) AS runs, SUM(d.failures) AS failures,
             SUM(d.flaky) AS flaky, SUM(d.incidents) AS incidents, SUM(d.red) AS red,
             MIN(d.first_flaky_at) AS first_flaky_at, MAX(d.last_flaky_at) AS last_flaky_at
        FROM <table> d JOIN tests t ON t.id = d.test_id
       WHERE <rows> AND d.<period> BETWEEN :from AND :to
       GROUP BY d.test_id""")
  @AllowUnusedBindings
  List<TestTotals> sums(
      @Define("table") String table,
      @Define("period") String period,
      @Define("rows") String rows,
      long builderId,
      String branch,
      Long testId,
      long from,
      long to);

  /** Every test's totals over a window on a branch ('*': all of them), all builders. */
  default List<TestTotals> totals(String branch, DayWindow w) {
    return windowSums("d.builder_id = 0 AND d.branch = :branch", ALL, branch, null, w);
  }

  /** The same on one builder, on one branch or (null) all of them. */
  default List<TestTotals> builderTotals(long builderId, String branch, DayWindow w) {
    return windowSums(
        "d.builder_id = :builderId AND (:branch IS NULL OR d.branch = :branch)",
        builderId,
        branch,
        null,
        w);
  }

  /** One test's totals over a window, on all builders and branches. */
  default Optional<TestTotals> testTotals(long testId, DayWindow w) {
    List<TestTotals> one =
        windowSums(
            "d.builder_id = 0 AND d.branch = :branch AND d.test_id = :testId",
            ALL,
            ALL_BRANCHES,
            testId,
            w);
    return one.stream().findFirst();
  }

  /**
   * Sums the window's whole weeks and its edge days, each query grouped by test on its own (the
   * week rows of the fleet stream in test order from {@code test_weeks_fleet}), merged here.
   */
  private List<TestTotals> windowSums(
      String rows, long builderId, String branch, Long testId, DayWindow w) {
    Map<Long, TestTotals> merged = new LinkedHashMap<>();
    List<List<TestTotals>> parts =
        List.of(
            sums("test_weeks", "week", rows, builderId, branch, testId, w.weekFrom(), w.weekTo()),
            sums("test_days", "day", rows, builderId, branch, testId, w.headFrom(), w.headTo()),
            sums("test_days", "day", rows, builderId, branch, testId, w.tailFrom(), w.tailTo()));
    for (List<TestTotals> part : parts) {
      for (TestTotals t : part) {
        merged.merge(t.testId(), t, TestTotals::plus);
      }
    }
    return List.copyOf(merged.values());
  }

  /**
   * Incident builds of one kind on one worker and builder in a time range, on one builder and
   * branch when given (null: all).
   */
  record IncidentCount(
      String workerName, String builderName, String incident, long builds, Instant lastAt) {}

  @SqlQuery(
      """
      SELECT w.name AS worker_name, b.name AS builder_name, l.incident, COUNT(*) AS builds,
             MAX(l.finished_at) AS last_at
        FROM build_loads l JOIN builds x ON x.id = l.build_id
        JOIN builders b ON b.id = x.builder_id LEFT JOIN workers w ON w.id = l.worker_id
       WHERE l.incident <> 'NONE' AND l.finished_at >= :from AND l.finished_at < :to
         AND (:builderId IS NULL OR x.builder_id = :builderId)
         AND (:branch IS NULL OR x.branch = :branch)
       GROUP BY l.worker_id, x.builder_id, l.incident
       ORDER BY builds DESC, last_at DESC LIMIT :limit""")
  @RegisterConstructorMapper(IncidentCount.class)
  List<IncidentCount> incidents(Instant from, Instant to, Long builderId, String branch, int limit);

  /** Where a test failed or was flaky, per builder and worker. */
  record Affected(long testId, String builderName, String workerName, long failures, long flaky) {}

  @SqlQuery(
      """
      SELECT x.test_id, b.name AS builder_name, w.name AS worker_name,
             SUM(x.failures) AS failures, SUM(x.flaky) AS flaky
        FROM (SELECT test_id, builder_id, worker_id, failures, flaky FROM test_weeks
               WHERE test_id IN (<testIds>) AND week BETWEEN :w.weekFrom AND :w.weekTo
                 AND builder_id > 0 AND failures + flaky > 0
              UNION ALL
              SELECT test_id, builder_id, worker_id, failures, flaky FROM test_days
               WHERE test_id IN (<testIds>) AND day BETWEEN :w.headFrom AND :w.headTo
                 AND builder_id > 0 AND failures + flaky > 0
              UNION ALL
              SELECT test_id, builder_id, worker_id, failures, flaky FROM test_days
               WHERE test_id IN (<testIds>) AND day BETWEEN :w.tailFrom AND :w.tailTo
                 AND builder_id > 0 AND failures + flaky > 0) x
        JOIN builders b ON b.id = x.builder_id
        LEFT JOIN workers w ON w.id = x.worker_id
       GROUP BY x.test_id, x.builder_id, x.worker_id""")
  @RegisterConstructorMapper(Affected.class)
  List<Affected> affected(@BindList("testIds") List<Long> testIds, @BindMethods("w") DayWindow w);

  /** A test's runs and unexpected outcomes in one week (days since the epoch / 7). */
  record Week(long testId, long week, long runs, long unexpected) {}

  /** The weeks {@code [from, to]} of these tests at the branch ('*': fleet) level. */
  @SqlQuery(
      """
      SELECT test_id, week, runs, failures + flaky AS unexpected FROM test_weeks
       WHERE test_id IN (<testIds>) AND builder_id = 0 AND branch = :branch
         AND week BETWEEN :from AND :to""")
  @RegisterConstructorMapper(Week.class)
  List<Week> weeks(@BindList("testIds") List<Long> testIds, String branch, long from, long to);

  /** The same on one builder, on one branch or (null) all of them. */
  @SqlQuery(
      """
      SELECT test_id, week, SUM(runs) AS runs, SUM(failures + flaky) AS unexpected
        FROM test_weeks
       WHERE test_id IN (<testIds>) AND builder_id = :builderId
         AND (:branch IS NULL OR branch = :branch) AND week BETWEEN :from AND :to
       GROUP BY test_id, week""")
  @RegisterConstructorMapper(Week.class)
  List<Week> builderWeeks(
      @BindList("testIds") List<Long> testIds, long builderId, String branch, long from, long to);

  /** How many of a test's series (on a builder, or on all: null) are in each state. */
  record StateCount(long testId, SegmentState state, int series) {}

  @SqlQuery(
      """
      SELECT test_id, state, COUNT(*) AS series FROM test_series
       WHERE test_id IN (<testIds>) AND (:builderId IS NULL OR builder_id = :builderId)
         AND (:branch IS NULL OR branch = :branch)
       GROUP BY test_id, state""")
  @RegisterConstructorMapper(StateCount.class)
  List<StateCount> states(@BindList("testIds") List<Long> testIds, Long builderId, String branch);

  String SERIES =
      """
      SELECT s.*, t.name AS test_name, b.name AS builder_name
        FROM test_series s JOIN tests t ON t.id = s.test_id JOIN builders b ON b.id = s.builder_id
      """;

  @SqlQuery(SERIES + " WHERE s.test_id IN (<testIds>) ORDER BY b.name, s.branch")
  @RegisterRowMapper(TestSeriesMapper.class)
  List<TestSeries> series(@BindList("testIds") List<Long> testIds);

  /** A cluster a test's failures are in, with how many of its latest failures. */
  record TestCluster(long clusterId, String title, long failures) {}

  /** The clusters of a test's latest {@code limit} failures, the commonest first. */
  @SqlQuery(
      """
      SELECT c.id AS cluster_id, c.title, COUNT(*) AS failures
        FROM (SELECT cluster_id FROM failures WHERE test_file = :test
               ORDER BY id DESC LIMIT :limit) f
        JOIN clusters c ON c.id = f.cluster_id
       GROUP BY c.id ORDER BY failures DESC, c.id""")
  @RegisterConstructorMapper(TestCluster.class)
  List<TestCluster> clustersOfTest(String test, int limit);
}
