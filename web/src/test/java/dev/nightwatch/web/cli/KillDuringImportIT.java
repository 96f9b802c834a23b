package dev.nightwatch.web.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.collector.files.LogFileReader;
import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.IndexQueueDao;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchApplication;
import dev.nightwatch.web.TestLogs;
import dev.nightwatch.web.ingest.FailureIndexer;
import dev.nightwatch.web.ingest.LogImport;
import dev.nightwatch.web.ingest.Store;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code import-logs} process killed with SIGKILL in the middle of its work: on the next start
 * the database and the failure index agree again, every stored build is whole, and importing the
 * same files again finishes the job.
 */
class KillDuringImportIT {
  private static final int FILES = 16;

  @TempDir Path dir;

  @Test
  void databaseAndIndexAgreeAgainAfterAKillDashNine() throws Exception {
    Path data = dir.resolve("data");
    Path config = CliRun.writeConfig(dir);
    Path logs = Files.createDirectories(dir.resolve("logs"));
    for (int n = 1; n <= FILES; n++) {
      writeLog(logs.resolve("builder-" + (n % 4) + "-" + n + ".log"), n);
    }

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                NightwatchApplication.class.getName(),
                "import-logs",
                "-c",
                config.toString(),
                logs.toString())
            .redirectErrorStream(true)
            .start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        seen.add(line);
        if (line.startsWith("created")
            && seen.stream().filter(l -> l.startsWith("created")).count() == 3) {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, mid-way through a build
          break;
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", seen)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);

    Database database = Database.open(data, Duration.ofSeconds(10));
    database.migrate();
    long stored = database.jdbi().withExtension(BuildDao.class, BuildDao::count);
    assertThat(stored).isBetween(3L, (long) FILES - 1);
    try (FailureIndexer indexer =
        FailureIndexer.open(database.jdbi(), data.resolve("index"), 0.6, Clock.systemUTC())) {
      indexer.reconcile();
      assertAgree(database, indexer);
      // Every stored build is whole: it has its verdict and its failures.
      long withVerdict =
          database
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT COUNT(*) FROM build_verdicts").mapTo(Long.class).one());
      assertThat(withVerdict).isEqualTo(stored);

      LogImport.Report again =
          new LogImport(
                  new LogFileReader(1L << 30),
                  Store.over(database, Clock.systemUTC(), indexer).ingest())
              .run(List.of(logs), r -> {});
      assertThat(again.failures()).isZero();
      assertThat(again.files()).hasSize(FILES);
      assertThat(again.count(dev.nightwatch.schema.store.BuildWriter.Outcome.UNCHANGED))
          .isEqualTo(stored);
      assertAgree(database, indexer);
      assertThat(database.jdbi().withExtension(FailureDao.class, FailureDao::count))
          .isEqualTo(FILES);
    }
  }

  private static void assertAgree(Database database, FailureIndexer indexer) throws Exception {
    FailureDao.Sums db = database.jdbi().withExtension(FailureDao.class, FailureDao::sums);
    var index = indexer.index().checksum();
    assertThat(new long[] {index.count(), index.idSum(), index.clusterSum()})
        .containsExactly(db.count(), db.idSum(), db.clusterSum());
    assertThat(database.jdbi().withExtension(IndexQueueDao.class, IndexQueueDao::count)).isZero();
    long unclustered =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT COUNT(*) FROM failures WHERE cluster_id IS NULL")
                        .mapTo(Long.class)
                        .one());
    assertThat(unclustered).isZero();
  }

  /** A test step of about a MB (so that a kill lands mid-build), failing one test at its end. */
  private static void writeLog(Path file, int n) throws Exception {
    try (BufferedWriter w = Files.newBufferedWriter(file, UTF_8)) {
      for (int i = 1; i <= 20_000; i++) {
        w.write(
            "0:%02d:%02d load avg: 1.%02d [%5d/20000] test_case_%d passed\n"
                .formatted(i / 3600 % 60, i / 60 % 60, i % 100, i, i));
      }
      w.write(TestLogs.ftpFailure(Integer.toString(12000 + n), "12018"));
    }
  }
}
