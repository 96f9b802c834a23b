package dev.nightwatch.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rebuild-history} through the real CLI: an upgraded database gets its history back. */
class RebuildHistoryCommandIT {
  @TempDir Path dir;
  private final CliRun cli = new CliRun();

  private long count(Database database, String table) {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  @Test
  void derivesTheHistoryOfStoredOutcomesAgain() throws Exception {
    Path config = CliRun.writeConfig(dir);
    Path logs = dir.resolve("logs");
    int builds = new DemoHistory(Instant.now()).write(logs, 4);
    assertThat(cli.run("import-logs", "-c", config.toString(), logs.toString())).isEmpty();
    Database database = Database.open(dir.resolve("data"), Duration.ofSeconds(5));
    long days = count(database, "test_days");
    long series = count(database, "test_series");
    // As a database upgraded from before the history existed: outcomes, and nothing derived.
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute("DELETE FROM test_days");
              h.execute("DELETE FROM test_weeks");
              h.execute("DELETE FROM test_series");
              h.execute("DELETE FROM build_loads");
            });

    assertThat(cli.run("rebuild-history", config.toString())).isEmpty();

    assertThat(cli.out()).contains("replayed the test outcomes of " + builds + " builds");
    assertThat(count(database, "test_days")).isEqualTo(days).isPositive();
    assertThat(count(database, "test_series")).isEqualTo(series).isPositive();
    assertThat(count(database, "build_loads")).isEqualTo(builds);
  }
}
