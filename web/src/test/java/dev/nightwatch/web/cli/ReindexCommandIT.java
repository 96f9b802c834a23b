package dev.nightwatch.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.TestLogs;
import dev.nightwatch.web.ingest.FailureIndexer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import-logs} clustering as it imports, and {@code reindex}, through the real CLI. */
class ReindexCommandIT {
  @TempDir Path dir;
  private Path config;
  private Path logs;
  private final CliRun cli = new CliRun();

  @BeforeEach
  void writeLogs() throws Exception {
    config = CliRun.writeConfig(dir);
    logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(
        logs.resolve("AMD64 Debian 3.x-1.log"), TestLogs.ftpFailure("12019", "12018"));
    Files.writeString(logs.resolve("s390x RHEL7 3.x-2.log"), TestLogs.ftpFailure("12020", "12018"));
  }

  private Optional<Throwable> run(String... args) throws Exception {
    return cli.run(args);
  }

  @Test
  void anImportClustersWhatItStores() throws Exception {
    assertThat(run("import-logs", "-c", config.toString(), logs.toString())).isEmpty();

    assertThat(cli.out()).contains("2 failures in 1 clusters");
  }

  @Test
  void reindexRebuildsAndReclusters() throws Exception {
    run("import-logs", "-c", config.toString(), logs.toString());

    assertThat(run("reindex", config.toString())).isEmpty();
    assertThat(cli.out()).contains("indexed 2 failures");
    assertThat(run("reindex", "--recluster", config.toString())).isEmpty();
    assertThat(cli.out()).contains("re-clustered 2 failures");
  }

  @Test
  void whileAnotherProcessHoldsTheIndexAnImportQueuesAndReindexRefuses() throws Exception {
    Database database = Database.open(dir.resolve("data"), Duration.ofSeconds(5));
    database.migrate();
    try (FailureIndexer server =
        FailureIndexer.open(
            database.jdbi(), dir.resolve("data").resolve("index"), 0.6, Clock.systemUTC())) {
      assertThat(run("import-logs", "-c", config.toString(), logs.toString())).isEmpty();
      assertThat(cli.out())
          .contains("is open in another Nightwatch process: it will cluster and index")
          .contains("2 failures in 0 clusters; 2 waiting for the server's index");

      Optional<Throwable> refused = run("reindex", config.toString());
      assertThat(refused)
          .hasValueSatisfying(
              e ->
                  assertThat(e).hasMessageContaining("stop it first, or ask it on its admin port"));

      assertThat(server.drain()).isEqualTo(2);
    }
  }
}
