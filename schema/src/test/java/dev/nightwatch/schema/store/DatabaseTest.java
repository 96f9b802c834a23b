package dev.nightwatch.schema.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.dao.TestOutcomeDao;
import dev.nightwatch.schema.model.TestOutcome;
import dev.nightwatch.schema.model.TestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dataDir;

  @Test
  void migratesAnEmptyDatabaseToTheWholeCoreModel() throws Exception {
    Database database = Database.open(dataDir.resolve("fresh"), Duration.ofSeconds(1));

    assertThat(database.migrate()).isEqualTo(7);

    List<String> tables =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE"
                                + " 'sqlite%' AND name NOT LIKE 'flyway%' ORDER BY name")
                        .mapTo(String.class)
                        .list());
    assertThat(tables)
        .containsExactly(
            "build_changes",
            "build_loads",
            "build_verdicts",
            "builders",
            "builds",
            "cluster_pins",
            "clusters",
            "failures",
            "fetch_skips",
            "index_queue",
            "ingest_cursors",
            "log_chunks",
            "logs",
            "notifications",
            "notify_queue",
            "pr_comments",
            "raw_mail",
            "signed_out_sessions",
            "sources",
            "steps",
            "test_days",
            "test_runs",
            "test_series",
            "test_weeks",
            "tests",
            "triage_rules",
            "workers");
    assertThat(Files.exists(dataDir.resolve("fresh").resolve(Database.FILE_NAME))).isTrue();
  }

  @Test
  void aVersion1DatabaseWithFailuresAndOutcomesMigratesKeepingThem() throws Exception {
    Database database = Database.open(dataDir, Duration.ofSeconds(1));
    Flyway.configure()
        .dataSource("jdbc:sqlite:" + database.file(), null, null)
        .locations("classpath:db/migration")
        .target("1")
        .load()
        .migrate();
    long buildId =
        new BuildWriter(database.jdbi(), new LogStore(database.jdbi()), Clock.systemUTC())
            .write(TestBuilds.build(1, "x\n"))
            .buildId();
    database
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO failures (build_id, ordinal, kind, rule, created_at)"
                        + " VALUES (?, 0, 'CRASH', 'r', 0)",
                    buildId));
    database
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO test_outcomes (build_id, test_name, status, duration_ms)"
                        + " VALUES (?, 'test_os', 'FLAKY', 1200), (?, 'test_sys', 'PASSED', NULL)",
                    buildId,
                    buildId));

    assertThat(database.migrate()).isEqualTo(6);
    long failures =
        database
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM failures").mapTo(Long.class).one());
    assertThat(failures).isEqualTo(1);
    assertThat(database.jdbi().onDemand(TestOutcomeDao.class).listByBuild(buildId))
        .containsExactly(
            new TestOutcome(buildId, "test_os", TestStatus.FLAKY, 1200L),
            new TestOutcome(buildId, "test_sys", TestStatus.PASSED, null));
  }

  @Test
  void migratingTwiceRunsNothingTheSecondTime() throws Exception {
    Database database = Database.open(dataDir, Duration.ofSeconds(1));
    database.migrate();

    assertThat(Database.open(dataDir, Duration.ofSeconds(1)).migrate()).isZero();
  }

  @Test
  void opensInWalModeWithForeignKeysAndABusyTimeout() throws Exception {
    Database database = Database.open(dataDir, Duration.ofMillis(7500));
    database.migrate();

    database
        .jdbi()
        .useHandle(
            h -> {
              assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one())
                  .isEqualToIgnoringCase("wal");
              assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one())
                  .isEqualTo(1);
              assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one())
                  .isEqualTo(7500);
            });
    assertThat(database.isReachable()).isTrue();
  }
}
