package dev.nightwatch.collector.buildbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.store.BuildWriter;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.schema.store.LogStore;
import dev.nightwatch.web.ingest.DatabasePollState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller against a fake master over real HTTP, its state and builds in a real SQLite store
 * (here, beside {@link DatabasePollState}, the state's side in the ingest pipeline).
 */
class MasterPollerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
  private static final BuildbotHttp.Retry RETRY =
      new BuildbotHttp.Retry(
          Duration.ofMillis(500), 3, Duration.ofMillis(100), Duration.ofSeconds(1));

  @TempDir Path dir;
  private FakeMaster master;
  private Database database;
  private BuildWriter writer;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<MasterPoller> pollers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    master = new FakeMaster();
    database = Database.open(dir.resolve("data"), Duration.ofSeconds(10));
    database.migrate();
    writer = new BuildWriter(database.jdbi(), new LogStore(database.jdbi()), CLOCK);
  }

  @AfterEach
  void tearDown() {
    pollers.forEach(MasterPoller::close);
    master.close();
  }

  private MasterPoller poller(BuildbotHttp.Retry retry, int pageSize, int concurrency) {
    BuildbotHttp http =
        new BuildbotHttp(
            master.url(),
            BuildbotHttp.client(Duration.ofSeconds(2)),
            retry,
            waits::add,
            new SplittableRandom(7));
    BuildFetcher fetcher =
        new BuildFetcher("lab", master.url().toString(), http, 1 << 20, dir.resolve("tmp"));
    MasterPoller poller =
        new MasterPoller(
            "lab",
            master.url().toString(),
            http,
            fetcher,
            new DatabasePollState(database.jdbi(), CLOCK),
            writer::write,
            new MasterPoller.Settings(pageSize, concurrency, Duration.ofSeconds(60), null),
            CLOCK);
    pollers.add(poller);
    return poller;
  }

  private MasterPoller poller() {
    return poller(RETRY, 100, 2);
  }

  private long count(String sql) {
    return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private OptionalLong cursor() {
    return new DatabasePollState(database.jdbi(), CLOCK).cursor("lab");
  }

  @Test
  void storesFinishedBuildsWholeAndPassesOverThemNextTime() throws Exception {
    master.add(1, 1, 10, 1000L, 0);
    master.add(2, 2, 20, 1001L, 2);
    master.add(3, 1, 11, null, 0); // still running

    MasterPoller.Report first = poller().pollOnce();

    assertThat(first.error()).isNull();
    assertThat(first.count(MasterPoller.Outcome.CREATED)).isEqualTo(2);
    assertThat(first.cursorAfter()).isEqualTo(1001L);
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(2);
    var build =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT b.revision || '|' || b.branch || '|' || b.result || '|'"
                                + " || b.url || '|' || w.name || '|' || b.external_id"
                                + " FROM builds b JOIN workers w ON w.id = b.worker_id"
                                + " WHERE b.number = 20")
                        .mapTo(String.class)
                        .one());
    assertThat(build)
        .isEqualTo("rev2|main|FAILURE|" + master.url() + "#builders/2/builds/20|lab-worker|2");
    assertThat(count("SELECT COUNT(*) FROM build_changes")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM logs")).isEqualTo(2);
    long stdio =
        count(
            "SELECT l.id FROM logs l JOIN steps s ON s.id = l.step_id JOIN builds b"
                + " ON b.id = s.build_id WHERE b.number = 20");
    try (InputStream in = new LogStore(database.jdbi()).open(stdio)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("build 2 done");
    }

    MasterPoller.Report second = poller().pollOnce();

    assertThat(second.count(MasterPoller.Outcome.ALREADY_STORED)).isEqualTo(2);
    assertThat(second.builds()).hasSize(2);
    assertThat(master.requestsTo("logs/")).isEqualTo(2); // nothing downloaded twice
    assertThat(master.requestsTo("builds/1?")).isZero(); // the list brought the properties
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(2);
  }

  @Test
  void aBuildThatStartedEarlierButFinishedLaterIsNotMissed() throws Exception {
    master.add(1, 1, 10, 1000L, 0);
    FakeMaster.FakeBuild slow = master.add(2, 2, 20, null, 0);
    master.add(3, 1, 11, 1005L, 0);
    poller().pollOnce();
    assertThat(cursor()).hasValue(1005L);

    slow.completeAt = 1500L; // build 2 finishes after build 3, which has the higher id
    MasterPoller.Report later = poller().pollOnce();

    assertThat(later.count(MasterPoller.Outcome.CREATED)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM builds WHERE external_id = 2")).isEqualTo(1);
    assertThat(later.cursorAfter()).isEqualTo(1500L);
  }

  @Test
  void theCursorSurvivesARestartAndTheNextPassStartsThere() throws Exception {
    master.add(1, 1, 10, 5000L, 0);
    poller().pollOnce();
    master.requests.clear();

    poller().pollOnce(); // a new poller: as after a restart, only the database remembers

    assertThat(master.requests)
        .anyMatch(r -> r.startsWith("builds?complete=true&complete_at__ge=4940&"));
  }

  @Test
  void pagesThroughABacklogIncludingManyBuildsThatFinishedInTheSameSecond() throws Exception {
    for (int i = 1; i <= 7; i++) {
      master.add(i, 1, i, 2000L, 0);
    }
    for (int i = 8; i <= 10; i++) {
      master.add(i, 2, i, 2000L + i, 0);
    }

    MasterPoller.Report report = poller(RETRY, 3, 2).pollOnce();

    assertThat(report.error()).isNull();
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(10);
    assertThat(report.cursorAfter()).isEqualTo(2010L);
  }

  @Test
  void retriesServerErrorsWithGrowingJitteredBackoff() throws Exception {
    master.add(1, 1, 10, 1000L, 0);
    master.fail("builds/1/steps", 503, 2);

    MasterPoller.Report report = poller().pollOnce();

    assertThat(report.count(MasterPoller.Outcome.CREATED)).isEqualTo(1);
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
  }

  @Test
  void serverErrorsThatPersistLeaveTheCursorBeforeTheBuild() throws Exception {
    master.add(1, 1, 10, 1000L, 0);
    master.add(2, 1, 11, 1010L, 0);
    master.fail("builds/2/steps", 500, 3);

    MasterPoller.Report report = poller().pollOnce();

    assertThat(report.failed()).isTrue();
    assertThat(report.error()).contains("HTTP 500");
    assertThat(cursor()).hasValue(1009L);
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(1);

    MasterPoller.Report retried = poller().pollOnce();

    assertThat(retried.error()).isNull();
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(2);
    assertThat(cursor()).hasValue(1010L);
  }

  @Test
  void aTimeoutIsRetriedAndOneThatLastsLeavesTheCursor() throws Exception {
    master.add(1, 1, 10, 1000L, 0);
    CountDownLatch release = new CountDownLatch(1);
    try {
      master.hang("builds?", release);
      MasterPoller.Report recovered = poller().pollOnce();
      assertThat(recovered.error()).isNull();
      assertThat(waits).hasSize(1);

      master.add(2, 1, 11, 1100L, 0);
      for (int i = 0; i < 3; i++) {
        master.hang("builds?", release);
      }
      MasterPoller.Report stuck = poller().pollOnce();

      assertThat(stuck.failed()).isTrue();
      assertThat(stuck.error()).contains("no answer within 500 ms");
      assertThat(cursor()).hasValue(1000L);
      assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void malformedJsonLeavesTheCursorAndStoresNothingOfThatBuild() throws Exception {
    master.add(1, 1, 10, 1000L, 0);
    master.malformed("builds/1/steps");

    MasterPoller.Report report = poller().pollOnce();

    assertThat(report.failed()).isTrue();
    assertThat(report.error()).contains("not JSON");
    assertThat(cursor()).hasValue(999L);
    assertThat(count("SELECT COUNT(*) FROM builds")).isZero();
    assertThat(waits).isEmpty(); // a malformed answer is not retried within the pass
  }

  @Test
  void aLogThatIsGoneIsRecordedAndTheBuildStoredWithoutIt() throws Exception {
    master.add(1, 1, 10, 1000L, 0);
    master.fail("logs/10/raw", 404, 1);

    MasterPoller.Report report = poller().pollOnce();

    assertThat(report.count(MasterPoller.Outcome.CREATED)).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM logs")).isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM fetch_skips WHERE status = 404 AND url LIKE '%logs/10/raw'"))
        .isEqualTo(1);
  }

  @Test
  void aBuildThatIsGoneIsRecordedAndPassedOver() throws Exception {
    master.add(1, 1, 10, 1000L, 0);
    master.add(2, 1, 11, 1010L, 0);
    master.fail("builds/1/steps", 404, 1);

    MasterPoller.Report report = poller().pollOnce();

    assertThat(report.error()).isNull();
    assertThat(report.count(MasterPoller.Outcome.NOT_FOUND)).isEqualTo(1);
    assertThat(report.count(MasterPoller.Outcome.CREATED)).isEqualTo(1);
    assertThat(cursor()).hasValue(1010L);
    assertThat(count("SELECT COUNT(*) FROM fetch_skips")).isEqualTo(1);
  }

  @Test
  void fetchesNoMoreBuildsAtOnceThanItsConcurrency() throws Exception {
    for (int i = 1; i <= 12; i++) {
      master.add(i, 1 + i % 2, i, 1000L + i, 0);
    }

    poller(RETRY, 100, 3).pollOnce();

    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(12);
    assertThat(master.maxInFlightLogs.get()).isBetween(1, 3);
  }

  @Test
  void aPushedBuildIsFetchedAtOnceAndStoredOnce() throws Exception {
    master.add(1, 1, 10, 1000L, 2);
    MasterPoller poller = poller();

    MasterPoller.BuildOutcome first = poller.fetchOne(1);
    MasterPoller.BuildOutcome again = poller.fetchOne(1);
    MasterPoller.BuildOutcome missing = poller.fetchOne(99);

    assertThat(first.outcome()).isEqualTo(MasterPoller.Outcome.CREATED);
    assertThat(again.outcome()).isEqualTo(MasterPoller.Outcome.ALREADY_STORED);
    assertThat(missing.outcome()).isEqualTo(MasterPoller.Outcome.NOT_FOUND);
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(1);
    assertThat(cursor()).isEmpty();
  }
}
