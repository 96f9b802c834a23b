package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.flaky.BuildLoad;
import dev.nightwatch.analyzer.flaky.Counts;
import dev.nightwatch.analyzer.flaky.Evidence;
import dev.nightwatch.analyzer.flaky.Explainer;
import dev.nightwatch.analyzer.flaky.Incidents;
import dev.nightwatch.analyzer.flaky.Segmenter;
import dev.nightwatch.schema.dao.DayWindow;
import dev.nightwatch.schema.dao.TestHistoryDao;
import dev.nightwatch.schema.dao.TestOutcomeDao;
import dev.nightwatch.schema.model.BuildLoadRecord;
import dev.nightwatch.schema.model.Explanation;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.schema.store.HistoryCodec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Gathers the evidence about a stored failure — its test's outcome, the build's incident verdict,
 * the test's history on the builder before the build, its counts across the fleet, the same cluster
 * in the builder's previous builds — and asks the {@link Explainer}: the notifier's question,
 * answered with figures.
 */
public final class Explanations {
  /** The settings: thresholds, the fleet window in days, how many earlier builds to look at. */
  public record Settings(Explainer.Thresholds thresholds, int fleetDays, int lookback) {
    public static final Settings DEFAULT = new Settings(Explainer.Thresholds.DEFAULT, 30, 5);
  }

  private record Subject(
      long buildId,
      long builderId,
      String branch,
      Instant finishedAt,
      FailureKind kind,
      String testFile,
      Long clusterId) {}

  private final Jdbi jdbi;
  private final Settings settings;
  private final Explainer explainer;

  public Explanations(Jdbi jdbi, Settings settings) {
    this.jdbi = jdbi;
    this.settings = settings;
    this.explainer = new Explainer(settings.thresholds(), new Segmenter());
  }

  /** The explanation of a failure, or empty when there is no such failure. */
  public Optional<Explanation> explain(long failureId) {
    return jdbi.withHandle(h -> subject(h, failureId).map(s -> explainer.explain(evidence(h, s))));
  }

  private static Optional<Subject> subject(Handle h, long failureId) {
    return h.createQuery(
            """
            SELECT b.id AS build_id, b.builder_id, COALESCE(b.branch, '') AS branch,
                   b.finished_at, f.kind, f.test_file, f.cluster_id
              FROM failures f JOIN builds b ON b.id = f.build_id WHERE f.id = :id""")
        .bind("id", failureId)
        .map(
            (rs, ctx) ->
                new Subject(
                    rs.getLong("build_id"),
                    rs.getLong("builder_id"),
                    rs.getString("branch"),
                    rs.getTimestamp("finished_at").toInstant(),
                    FailureKind.valueOf(rs.getString("kind")),
                    rs.getString("test_file"),
                    (Long) rs.getObject("cluster_id", Long.class)))
        .findOne();
  }

  private Evidence evidence(Handle h, Subject s) {
    TestHistoryDao history = h.attach(TestHistoryDao.class);
    Optional<BuildLoadRecord> load = history.findLoad(s.buildId());
    Incidents.Kind incident =
        load.map(l -> Incidents.Kind.valueOf(l.incident())).orElse(Incidents.Kind.NONE);
    BuildLoad buildLoad =
        load.map(
                l ->
                    new BuildLoad(
                        l.buildId(), "", l.testsRun(), l.testsFailed(), l.testsNewlyFailed()))
            .orElse(null);

    Optional<Long> testId =
        s.testFile() == null
            ? Optional.empty()
            : h.attach(TestOutcomeDao.class).findTest(s.testFile());
    TestStatus status =
        testId
            .flatMap(
                id ->
                    h.createQuery(
                            "SELECT status FROM test_runs WHERE build_id = :b AND test_id = :t")
                        .bind("b", s.buildId())
                        .bind("t", id)
                        .mapTo(TestStatus.class)
                        .findOne())
            .orElse(null);
    List<TestRun> before =
        testId
            .flatMap(id -> history.history(id, s.builderId(), s.branch()))
            .map(HistoryCodec::decode)
            .orElse(List.of())
            .stream()
            .filter(r -> r.buildId() != s.buildId() && r.finishedAt().isBefore(s.finishedAt()))
            .toList();
    long day = s.finishedAt().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
    Counts fleet =
        testId
            .flatMap(
                id -> history.testTotals(id, new DayWindow(day - settings.fleetDays() + 1, day)))
            .map(t -> new Counts(t.runs(), t.failures(), t.flaky()))
            .orElse(new Counts(0, 0, 0));

    List<TestHistoryDao.BuildBefore> previous =
        history.buildsBefore(
            s.builderId(), s.finishedAt(), s.buildId(), s.clusterId(), settings.lookback());
    int withCluster = 0;
    Integer lastNumber = null;
    for (TestHistoryDao.BuildBefore b : previous) {
      if (b.hasCluster()) {
        withCluster++;
        lastNumber = lastNumber == null ? b.number() : lastNumber;
      }
    }
    boolean inPrevious = !previous.isEmpty() && previous.get(0).hasCluster();
    return new Evidence(
        s.kind(),
        status,
        incident,
        buildLoad,
        before,
        fleet,
        previous.size(),
        withCluster,
        lastNumber,
        inPrevious);
  }
}
