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
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

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
    String branch = build.branch() == null ? "" : build.branch();

    // Take away what an earlier analysis of this build added.
    List<TestOutcomeDao.Run> old = outcomes.runsOfBuild(buildId);
    boolean oldIncident =
        history.findLoad(buildId).map(l -> !l.incident().equals("NONE")).orElse(false);
    for (TestOutcomeDao.Run r : old) {
      count(history, build, branch, r.testId(), r.status(), oldIncident, -1);
    }
    outcomes.deleteByBuild(buildId);
    history.deleteLoad(buildId);

    Map<Long, TestStatus> now = new LinkedHashMap<>();
    for (TestVerdict t : tests) {
      long testId = outcomes.testId(t.testFile());
      outcomes.upsert(buildId, testId, t.status(), t.durationMillis());
      now.put(testId, t.status());
    }
    Incidents.Kind incident = judge(history, outcomes, build, now);
    for (Map.Entry<Long, TestStatus> e : now.entrySet()) {
      count(history, build, branch, e.getKey(), e.getValue(), incident != Incidents.Kind.NONE, 1);
    }

    Set<Long> touched = new HashSet<>();
    old.forEach(r -> touched.add(r.testId()));
    touched.addAll(now.keySet());
    for (long testId : touched) {
      TestStatus status = now.get(testId);
      TestRun run =
          status == null || status == TestStatus.SKIPPED
              ? null
              : new TestRun(
                  buildId,
                  build.number(),
                  build.finishedAt(),
                  status,
                  incident != Incidents.Kind.NONE);
      updateSeries(history, testId, build.builderId(), branch, buildId, run);
    }
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
      TestHistoryDao history,
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
    boolean flaky = status == TestStatus.FLAKY;
    int runs = incident ? 0 : sign;
    int failures = !incident && failed ? sign : 0;
    int flakies = !incident && flaky ? sign : 0;
    int incidents = incident ? sign : 0;
    int red = !incident && failed && build.result() == BuildResult.FAILURE ? sign : 0;
    Instant flakyAt = sign > 0 && flakies > 0 ? build.finishedAt() : null;
    long worker = build.workerId() == null ? 0 : build.workerId();
    history.addDay(
        build.builderId(),
        branch,
        day,
        testId,
        worker,
        runs,
        failures,
        flakies,
        incidents,
        red,
        flakyAt);
    history.addDay(
        TestHistoryDao.ALL,
        branch,
        day,
        testId,
        0,
        runs,
        failures,
        flakies,
        incidents,
        red,
        flakyAt);
    history.addDay(
        TestHistoryDao.ALL,
        TestHistoryDao.ALL_BRANCHES,
        day,
        testId,
        0,
        runs,
        failures,
        flakies,
        incidents,
        red,
        flakyAt);
  }

  private void updateSeries(
      TestHistoryDao history,
      long testId,
      long builderId,
      String branch,
      long buildId,
      TestRun run) {
    List<TestRun> runs =
        history.history(testId, builderId, branch).map(HistoryCodec::decode).orElse(List.of());
    List<TestRun> updated = History.replace(runs, buildId, run);
    if (updated.isEmpty()) {
      history.deleteSeries(testId, builderId, branch);
      return;
    }
    History.Summary s = History.summarize(updated, segmenter);
    Segment seg = s.segment();
    history.saveSeries(
        testId,
        builderId,
        branch,
        HistoryCodec.encode(updated),
        s.state(),
        seg.firstBuildId(),
        seg.firstBuildNumber(),
        seg.startedAt(),
        seg.runs(),
        seg.unexpected(),
        s.flipRate(),
        updated.get(updated.size() - 1).finishedAt());
  }
}
