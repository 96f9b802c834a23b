package dev.nightwatch.schema.store;

import static org.assertj.core.api.Assertions.assertThat;

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

    assertThat(database.migrate()).isEqualTo(2);

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
            "build_verdicts",
            "builders",
            "builds",
            "cluster_pins",
            "clusters",
            "failures",
            "index_queue",
            "ingest_cursors",
            "log_chunks",
            "logs",
            "notifications",
            "pr_comments",
            "raw_mail",
            "sources",
            "steps",
            "test_outcomes",
            "triage_rules",
            "workers");
    assertThat(Files.exists(dataDir.resolve("fresh").resolve(Database.FILE_NAME))).isTrue();
  }

  @Test
  void aVersion1DatabaseWithFailuresMigratesKeepingThem() throws Exception {
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

    assertThat(database.migrate()).isEqualTo(1);
    long failures =
        database
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM failures").mapTo(Long.class).one());
    assertThat(failures).isEqualTo(1);
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
