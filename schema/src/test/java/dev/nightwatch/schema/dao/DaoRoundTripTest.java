package dev.nightwatch.schema.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.BuildVerdict;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.ClusterStatus;
import dev.nightwatch.schema.model.Failure;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.IngestCursor;
import dev.nightwatch.schema.model.Notification;
import dev.nightwatch.schema.model.NotificationDecision;
import dev.nightwatch.schema.model.ParseStatus;
import dev.nightwatch.schema.model.RawMail;
import dev.nightwatch.schema.model.SourceKind;
import dev.nightwatch.schema.model.TestOutcome;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.schema.model.VerdictStatus;
import dev.nightwatch.schema.store.BuildWriter;
import dev.nightwatch.schema.store.LogStore;
import dev.nightwatch.schema.store.StoreTest;
import dev.nightwatch.schema.store.TestBuilds;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaoRoundTripTest extends StoreTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:30:00Z");
  private long buildId;

  @BeforeEach
  void storeABuild() throws Exception {
    buildId =
        new BuildWriter(database.jdbi(), new LogStore(database.jdbi()), Clock.systemUTC())
            .write(TestBuilds.build(1, "log\n"))
            .buildId();
  }

  @Test
  void failuresComeBackInOrder() {
    FailureDao dao = database.jdbi().onDemand(FailureDao.class);
    Failure first =
        new Failure(
            0,
            buildId,
            null,
            FailureKind.TEST_FAILURE,
            "test_os.TestX.test_y",
            "test_os",
            "AssertionError: 1 != 2",
            42L,
            "Traceback…",
            "unittest-fail",
            "fp1",
            true,
            null,
            T0);
    Failure second =
        new Failure(
            0,
            buildId,
            null,
            FailureKind.COMPILE_ERROR,
            null,
            null,
            "x.c:1:2: error: boom",
            7L,
            "x.c:1:2: error: boom",
            "gcc-error",
            "fp2",
            false,
            null,
            T0);

    long firstId = dao.insert(first, 0);
    dao.insert(second, 1);

    assertThat(dao.find(firstId)).contains(withId(first, firstId));
    assertThat(dao.listByBuild(buildId))
        .extracting(Failure::kind)
        .containsExactly(FailureKind.TEST_FAILURE, FailureKind.COMPILE_ERROR);

    // Each failure carries its build's finish time, and follows it when the build's changes.
    assertThat(finishedAtOfFailures()).containsOnly(buildFinishedAt());
    database
        .jdbi()
        .useHandle(h -> h.execute("UPDATE builds SET finished_at = ? WHERE id = ?", T0, buildId));
    assertThat(buildFinishedAt()).isEqualTo(T0);
    assertThat(finishedAtOfFailures()).containsExactly(T0, T0);
  }

  private List<Instant> finishedAtOfFailures() {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT finished_at FROM failures WHERE build_id = ?")
                    .bind(0, buildId)
                    .mapTo(Instant.class)
                    .list());
  }

  private Instant buildFinishedAt() {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT finished_at FROM builds WHERE id = ?")
                    .bind(0, buildId)
                    .mapTo(Instant.class)
                    .one());
  }

  @Test
  void aBuildHasOneVerdict() {
    VerdictDao dao = database.jdbi().onDemand(VerdictDao.class);
    dao.save(
        new BuildVerdict(
            buildId,
            VerdictStatus.UNKNOWN,
            FailureKind.UNKNOWN,
            "nothing",
            null,
            null,
            null,
            1,
            T0));
    BuildVerdict failure =
        new BuildVerdict(
            buildId,
            VerdictStatus.FAILURE,
            FailureKind.COMPILE_ERROR,
            "the build failed: x.c:1:2: error: boom",
            "x.c:1:2: error: boom",
            7L,
            null,
            1,
            T0);

    dao.save(failure);

    assertThat(dao.find(buildId)).contains(failure);
  }

  @Test
  void aTestOutcomeIsOnePerTestAndBuild() {
    TestOutcomeDao dao = database.jdbi().onDemand(TestOutcomeDao.class);
    long os = dao.testId("test_os");
    assertThat(dao.testId("test_os")).isEqualTo(os);
    dao.upsert(buildId, os, TestStatus.FAILED, 1200L);
    dao.upsert(buildId, os, TestStatus.FLAKY, 1300L);
    dao.upsert(buildId, dao.testId("test_sys"), TestStatus.PASSED, null);

    assertThat(dao.listByBuild(buildId))
        .containsExactly(
            new TestOutcome(buildId, "test_os", TestStatus.FLAKY, 1300L),
            new TestOutcome(buildId, "test_sys", TestStatus.PASSED, null));
    assertThat(dao.unexpectedTests(buildId)).containsExactly(os);
  }

  @Test
  void aClusterBecomesKnownOnItsSecondOccurrence() {
    ClusterDao dao = database.jdbi().onDemand(ClusterDao.class);
    long id = dao.create("fp1", FailureKind.TIMEOUT, "Timeout (0:15:00)!", T0, T0);
    assertThat(dao.find(id).orElseThrow().status()).isEqualTo(ClusterStatus.NEW);

    dao.recordOccurrence(id, T0.plusSeconds(60), T0);

    Cluster cluster = dao.find(id).orElseThrow();
    assertThat(cluster.status()).isEqualTo(ClusterStatus.KNOWN);
    assertThat(cluster.occurrences()).isEqualTo(2);
    assertThat(cluster.firstSeen()).isEqualTo(T0);
    assertThat(cluster.lastSeen()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void aFixedClusterStaysFixedForOlderFailuresAndReopensForNewerOnes() {
    ClusterDao dao = database.jdbi().onDemand(ClusterDao.class);
    long id = dao.create("fp1", FailureKind.TIMEOUT, "Timeout (0:15:00)!", T0, T0);
    dao.markFixed(id, T0.plusSeconds(100));

    dao.recordOccurrence(id, T0.plusSeconds(50), T0);
    assertThat(dao.find(id).orElseThrow().status()).isEqualTo(ClusterStatus.FIXED);

    dao.recordOccurrence(id, T0.plusSeconds(150), T0);
    assertThat(dao.find(id).orElseThrow().status()).isEqualTo(ClusterStatus.KNOWN);
  }

  @Test
  void notificationsKeepTheirReason() {
    NotificationDao dao = database.jdbi().onDemand(NotificationDao.class);
    Notification n =
        new Notification(
            0,
            buildId,
            "python/cpython",
            123,
            NotificationDecision.SKIPPED_FLAKY,
            "test_os failed then passed on re-run",
            null,
            null,
            T0,
            null);

    long id = dao.insert(n);

    assertThat(dao.listByBuild(buildId))
        .containsExactly(
            new Notification(
                id,
                buildId,
                "python/cpython",
                123,
                NotificationDecision.SKIPPED_FLAKY,
                "test_os failed then passed on re-run",
                null,
                null,
                T0,
                null));
  }

  @Test
  void aCursorIsSavedAndMoved() {
    long sourceId =
        database.jdbi().onDemand(SourceDao.class).findByName("buildbot.example").orElseThrow().id();
    IngestCursorDao dao = database.jdbi().onDemand(IngestCursorDao.class);

    dao.save(new IngestCursor(sourceId, "builds", "136", T0));
    dao.save(new IngestCursor(sourceId, "builds", "140", T0.plusSeconds(1)));

    assertThat(dao.find(sourceId, "builds"))
        .contains(new IngestCursor(sourceId, "builds", "140", T0.plusSeconds(1)));
  }

  @Test
  void rawMailIsStoredOncePerContent() {
    RawMailDao dao = database.jdbi().onDemand(RawMailDao.class);
    RawMail mail =
        new RawMail(
            0,
            "<1@example>",
            "abc",
            "inbox.mbox",
            "Buildbot failure",
            T0,
            ParseStatus.FAILED,
            "no builder in subject",
            null);

    long id = dao.insert(mail, new byte[] {1, 2, 3}, T0);
    long again = dao.insert(mail, new byte[] {1, 2, 3}, T0);

    assertThat(again).isEqualTo(id);
    assertThat(dao.find(id))
        .contains(
            new RawMail(
                id,
                "<1@example>",
                "abc",
                "inbox.mbox",
                "Buildbot failure",
                T0,
                ParseStatus.FAILED,
                "no builder in subject",
                null));
    assertThat(dao.content(id)).hasValueSatisfying(c -> assertThat(c).containsExactly(1, 2, 3));
    assertThat(dao.failed()).extracting(RawMail::id).containsExactly(id);
  }

  @Test
  void buildersAndSourcesAreListed() {
    assertThat(database.jdbi().onDemand(SourceDao.class).list())
        .singleElement()
        .satisfies(s -> assertThat(s.kind()).isEqualTo(SourceKind.BUILDBOT));
    assertThat(database.jdbi().onDemand(BuilderDao.class).list())
        .singleElement()
        .satisfies(b -> assertThat(b.externalId()).isEqualTo(4L));
  }

  @Test
  void foreignKeysAreEnforced() {
    StepDao steps = database.jdbi().onDemand(StepDao.class);

    assertThatThrownBy(() -> steps.upsert(9999, 0, "x", BuildResult.SUCCESS, null, null, null))
        .isInstanceOf(UnableToExecuteStatementException.class)
        .hasMessageContaining("FOREIGN KEY");
  }

  @Test
  void buildsArePagedNewestFirst() throws Exception {
    BuildWriter writer =
        new BuildWriter(database.jdbi(), new LogStore(database.jdbi()), Clock.systemUTC());
    writer.write(TestBuilds.build(2, "x\n"));
    writer.write(TestBuilds.build(3, "y\n"));
    BuildDao dao = database.jdbi().onDemand(BuildDao.class);

    List<Build> first = dao.newest(2);
    List<Build> rest = dao.before(first.get(1).finishedAt(), first.get(1).id(), 2);

    assertThat(first).extracting(b -> b.number()).containsExactly(3, 2);
    assertThat(rest).extracting(b -> b.number()).containsExactly(1);
  }

  private static Failure withId(Failure f, long id) {
    return new Failure(
        id,
        f.buildId(),
        f.logId(),
        f.kind(),
        f.testName(),
        f.testFile(),
        f.keyLine(),
        f.lineNumber(),
        f.excerpt(),
        f.rule(),
        f.fingerprint(),
        f.flaky(),
        f.clusterId(),
        f.createdAt());
  }
}
