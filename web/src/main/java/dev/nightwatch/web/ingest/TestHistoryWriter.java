package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.TestVerdict;
import dev.nightwatch.analyzer.flaky.BuildLoad;
import dev.nightwatch.analyzer.flaky.History;
import dev.nightwatch.analyzer.flaky.Incidents;
import dev.nightwatch.analyzer.flaky.Segment;
import dev.nightwatch.analyzer.flaky.Segmenter;
import dev.nightwatch.schema.dao.TestHistoryDao;
import dev.nightwatch.schema.dao.TestHistoryDao.BuildFacts;
import dev.nightwatch.schema.dao.TestOutcomeDao;
import dev.nightwatch.schema.model.BuildLoadRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.schema.store.HistoryCodec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps a build's test outcomes and everything derived from them in step, in the build's
 * transaction: the outcomes, the build's load and incident verdict, the per-day aggregates (taking
 * away what an earlier analysis of the build added) and each test's series on the builder.
 */
public final class TestHistoryWriter {
  /** Earlier builds of a worker that give its usual share of newly failing tests. */
  static final int WORKER_WINDOW = 20;

  private final Incidents incidents;
  private final Segmenter segmenter;

  public TestHistoryWriter(Incidents incidents, Segmenter segmenter) {
    this.incidents = incidents;
    this.segmenter = segmenter;
  }

  /** The defaults of the configuration. */
  public static TestHistoryWriter defaults() {
    return new TestHistoryWriter(new Incidents(Incidents.Rules.DEFAULT), new Segmenter());
  }

  /** Replaces the build's outcomes (one per test file) and their aggregates and series. */
  public void replace(Handle handle, long buildId, Collection<TestVerdict> tests) {
    TestOutcomeDao outcomes = handle.attach(TestOutcomeDao.class);
    TestHistoryDao history = handle.attach(TestHistoryDao.class);
    BuildFacts build = history.buildFacts(buildId).orElseThrow();
    String branch = build.branchKey();

    // Take away what an earlier analysis of this build added.
    List<TestOutcomeDao.Run> old = outcomes.runsOfBuild(buildId);
    boolean oldIncident =
        history.findLoad(buildId).map(l -> !l.incident().equals("NONE")).orElse(false);
    List<TestHistoryDao.DayDelta> deltas = new ArrayList<>();
    for (TestOutcomeDao.Run r : old) {
      count(deltas, build, branch, r.testId(), r.status(), oldIncident, -1);
    }
    outcomes.deleteByBuild(buildId);
    history.deleteLoad(buildId);

    Map<String, Long> ids = outcomes.testIds(tests.stream().map(TestVerdict::testFile).toList());
    Map<Long, TestStatus> now = new LinkedHashMap<>();
    List<TestOutcomeDao.Row> rows = new ArrayList<>();
    for (TestVerdict t : tests) {
      long testId = ids.get(t.testFile());
      rows.add(new TestOutcomeDao.Row(testId, t.status(), t.durationMillis()));
      now.put(testId, t.status());
    }
    outcomes.upsertAll(buildId, rows);
    Set<Long> touched = new LinkedHashSet<>();
    old.forEach(r -> touched.add(r.testId()));
    derive(handle, build, branch, now, touched, deltas);
  }

  /**
   * Derives everything from the stored outcomes again: empties the loads, aggregates and series,
   * then replays every build in the order they finished. For a database whose outcomes predate them
   * (an upgrade), or after the incident or segment rules change. Returns the builds replayed.
   */
  public long rebuild(Jdbi jdbi) {
    // One transaction: the history is never seen half rebuilt, and no ingest can slip in between
    // emptying it and replaying a build it wrote (writers wait for the lock, up to the timeout).
    return jdbi.inTransaction(
        h -> {
          h.execute("DELETE FROM test_series");
          h.execute("DELETE FROM test_days");
          h.execute("DELETE FROM test_weeks");
          h.execute("DELETE FROM build_loads");
          List<Long> builds =
              h.createQuery(
                      "SELECT DISTINCT b.id, b.finished_at FROM builds b"
                          + " JOIN test_runs r ON r.build_id = b.id"
                          + " ORDER BY b.finished_at, b.id")
                  .map((rs, ctx) -> rs.getLong("id"))
                  .list();
          TestHistoryDao history = h.attach(TestHistoryDao.class);
          TestOutcomeDao outcomes = h.attach(TestOutcomeDao.class);
          for (long id : builds) {
            BuildFacts build = history.buildFacts(id).orElseThrow();
            Map<Long, TestStatus> now = new LinkedHashMap<>();
            outcomes.runsOfBuild(id).forEach(r -> now.put(r.testId(), r.status()));
            String branch = build.branchKey();
            derive(h, build, branch, now, new LinkedHashSet<>(), new ArrayList<>());
          }
          return (long) builds.size();
        });
  }

  /**
   * From the build's outcomes now: its load and incident verdict, its aggregates (added to the
   * deltas that take away an earlier analysis) and the series of these tests and of {@code touched}
   * (tests the earlier analysis had, now gone).
   */
  private void derive(
      Handle handle,
      BuildFacts build,
      String branch,
      Map<Long, TestStatus> now,
      Set<Long> touched,
      List<TestHistoryDao.DayDelta> deltas) {
    TestHistoryDao history = handle.attach(TestHistoryDao.class);
    boolean incident =
        judge(history, handle.attach(TestOutcomeDao.class), build, now) != Incidents.Kind.NONE;
    for (Map.Entry<Long, TestStatus> e : now.entrySet()) {
      count(deltas, build, branch, e.getKey(), e.getValue(), incident, 1);
    }
    history.addDays(deltas);

    touched.addAll(now.keySet());
    List<Long> testIds = List.copyOf(touched);
    Map<Long, byte[]> stored = history.histories(build.builderId(), branch, testIds);
    List<TestHistoryDao.SeriesRow> save = new ArrayList<>();
    List<Long> emptied = new ArrayList<>();
    for (long testId : testIds) {
      TestStatus status = now.get(testId);
      TestRun run =
          status == null || status == TestStatus.SKIPPED
              ? null
              : new TestRun(build.id(), build.number(), build.finishedAt(), status, incident);
      byte[] bytes = stored.get(testId);
      List<TestRun> updated =
          History.replace(bytes == null ? List.of() : HistoryCodec.decode(bytes), build.id(), run);
      if (updated.isEmpty()) {
        emptied.add(testId);
      } else {
        save.add(series(testId, build.builderId(), branch, updated));
      }
    }
    history.saveSeries(save);
    history.deleteSeries(emptied, build.builderId(), branch);
  }

  private Incidents.Kind judge(
      TestHistoryDao history,
      TestOutcomeDao outcomes,
      BuildFacts build,
      Map<Long, TestStatus> now) {
    Set<Long> before =
        history
            .previousBuild(build.builderId(), build.finishedAt(), build.id())
            .map(id -> (Set<Long>) new HashSet<>(outcomes.unexpectedTests(id)))
            .orElse(Set.of());
    int run = 0;
    int failed = 0;
    int newly = 0;
    for (Map.Entry<Long, TestStatus> e : now.entrySet()) {
      if (e.getValue() == TestStatus.SKIPPED) {
        continue;
      }
      run++;
      if (unexpected(e.getValue())) {
        failed++;
        if (!before.contains(e.getKey())) {
          newly++;
        }
      }
    }
    String worker = build.workerName() == null ? "" : build.workerName();
    BuildLoad load = new BuildLoad(build.id(), worker, run, failed, newly);
    List<BuildLoad> earlier =
        build.workerId() == null
            ? List.of()
            : history
                .workerLoadsBefore(build.workerId(), build.finishedAt(), WORKER_WINDOW)
                .stream()
                .map(
                    l ->
                        new BuildLoad(
                            l.buildId(),
                            worker,
                            l.testsRun(),
                            l.testsFailed(),
                            l.testsNewlyFailed()))
                .toList();
    Incidents.Kind kind = incidents.judge(load, earlier);
    history.saveLoad(
        new BuildLoadRecord(
            build.id(), build.workerId(), build.finishedAt(), run, failed, newly, kind.name()));
    return kind;
  }

  private static boolean unexpected(TestStatus s) {
    return s.isFailure() || s == TestStatus.FLAKY;
  }

  /** Adds (sign 1) or takes away (-1) one outcome at the builder, branch and fleet levels. */
  private static void count(
      List<TestHistoryDao.DayDelta> deltas,
      BuildFacts build,
      String branch,
      long testId,
      TestStatus status,
      boolean incident,
      int sign) {
    if (status == TestStatus.SKIPPED) {
      return;
    }
    long day = build.finishedAt().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
    boolean failed = status.isFailure();
    int runs = incident ? 0 : sign;
    int failures = !incident && failed ? sign : 0;
    int flaky = !incident && status == TestStatus.FLAKY ? sign : 0;
    int incidents = incident ? sign : 0;
    int red = !incident && failed && build.result() == BuildResult.FAILURE ? sign : 0;
    Instant flakyAt = sign > 0 && flaky > 0 ? build.finishedAt() : null;
    long worker = build.workerId() == null ? 0 : build.workerId();
    // The builder row, the branch row, the fleet row.
    long[] builders = {build.builderId(), TestHistoryDao.ALL, TestHistoryDao.ALL};
    String[] branches = {branch, branch, TestHistoryDao.ALL_BRANCHES};
    long[] workers = {worker, 0, 0};
    for (int level = 0; level < 3; level++) {
      deltas.add(
          new TestHistoryDao.DayDelta(
              builders[level],
              branches[level],
              day,
              testId,
              workers[level],
              runs,
              failures,
              flaky,
              incidents,
              red,
              flakyAt));
    }
  }

  private TestHistoryDao.SeriesRow series(
      long testId, long builderId, String branch, List<TestRun> runs) {
    History.Summary s = History.summarize(runs, segmenter);
    Segment seg = s.segment();
    return new TestHistoryDao.SeriesRow(
        testId,
        builderId,
        branch,
        HistoryCodec.encode(runs),
        s.state(),
        seg.firstBuildId(),
        seg.firstBuildNumber(),
        seg.startedAt(),
        seg.runs(),
        seg.unexpected(),
        s.flipRate(),
        runs.get(runs.size() - 1).finishedAt());
  }
}
