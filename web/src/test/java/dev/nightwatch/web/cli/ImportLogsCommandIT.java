package dev.nightwatch.web.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.LogDao;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.schema.store.LogDigest;
import dev.nightwatch.schema.store.LogStore;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightwatch import-logs} run through Dropwizard's real CLI over a real SQLite file. */
class ImportLogsCommandIT {
  @TempDir Path dir;
  private Path config;
  private Path logs;
  private final CliRun cli = new CliRun();

  @BeforeEach
  void writeConfig() throws Exception {
    config = CliRun.writeConfig(dir);
    logs = Files.createDirectories(dir.resolve("logs"));
  }

  private Optional<Throwable> run(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("import-logs", "-c", config.toString()));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  private Database database() throws Exception {
    return Database.open(dir.resolve("data"), Duration.ofSeconds(5));
  }

  @Test
  void badFilesAreReportedByNameWhileTheOthersAreImported() throws Exception {
    Path good = Files.writeString(logs.resolve("AMD64 Debian 3.x-12.log"), "test_os passed\n");
    Path latin1 =
        Files.write(
            logs.resolve("latin1.log"),
            "caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Path binary = Files.write(logs.resolve("core.log"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0});
    Path empty = Files.createFile(logs.resolve("empty.log"));
    Path missing = dir.resolve("no-such-dir/x.log");

    Optional<Throwable> error = run(logs.toString(), missing.toString());

    assertThat(error)
        .hasValueSatisfying(e -> assertThat(e).hasMessage("3 of 5 files could not be imported"));
    assertThat(cli.err())
        .contains(binary + ": not a text log: binary data (a NUL byte at offset 4)")
        .contains(empty + ": empty file")
        .contains(missing + ": no such file")
        .doesNotContain("Exception");
    assertThat(cli.out())
        .contains("created    " + good + " → build")
        .contains("created    " + latin1 + " → build")
        .contains("5 files: 2 created, 0 updated, 0 unchanged, 3 failed");
    List<Build> builds = database().jdbi().onDemand(BuildDao.class).newest(10);
    assertThat(builds)
        .extracting(Build::builderName)
        .containsExactlyInAnyOrder("AMD64 Debian 3.x", "latin1");
  }

  @Test
  void importingTheSameLogsTwiceStoresThemOnce() throws Exception {
    Files.writeString(logs.resolve("a-1.log"), "one\n");
    Files.writeString(logs.resolve("a-2.log"), "two\n");
    assertThat(run(logs.toString())).isEmpty();
    long chunks = chunkCount();

    Optional<Throwable> again = run(logs.toString());

    assertThat(again).isEmpty();
    assertThat(cli.out()).contains("unchanged  " + logs.resolve("a-1.log"));
    assertThat(database().jdbi().onDemand(BuildDao.class).count()).isEqualTo(2);
    assertThat(chunkCount()).isEqualTo(chunks);
    assertThat(count("build_verdicts")).isEqualTo(2);
  }

  @Test
  void aLogOf200MegabytesIsStreamedIntoTheStoreByteForByte() throws Exception {
    Path big = logs.resolve("big-1.log");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big), 1 << 16)) {
      long written = 0;
      for (int i = 0; written < 200L * 1024 * 1024; i++) {
        byte[] line =
            ("0:%02d:%02d load avg: 1.%02d [%3d/450] test_module_%d passed in %d ms%n"
                    .formatted(i / 3600 % 60, i / 60 % 60, i % 100, i % 450, i % 977, i % 4099))
                .getBytes(UTF_8);
        out.write(line);
        written += line.length;
      }
    }

    assertThat(run(big.toString())).isEmpty();

    Database database = database();
    Build build = database.jdbi().onDemand(BuildDao.class).newest(1).get(0);
    LogInfo log = database.jdbi().onDemand(LogDao.class).listByBuild(build.id()).get(0);
    assertThat(log.rawSize()).isEqualTo(Files.size(big));
    assertThat(log.storedSize()).isLessThan(log.rawSize() / 4);
    LogDigest stored = LogDigest.of(() -> new LogStore(database.jdbi()).open(log.id()));
    assertThat(stored).isEqualTo(LogDigest.of(() -> Files.newInputStream(big)));
  }

  @Test
  void aLogOverTheConfiguredLimitIsRefused() throws Exception {
    Files.writeString(
        config, "\nstore:\n  dataDir: " + dir.resolve("data") + "\n  maxLogSize: 1KiB\n");
    Path log = Files.writeString(logs.resolve("long-1.log"), "x\n".repeat(1000));

    assertThat(run(log.toString())).isPresent();

    assertThat(cli.err()).contains(log + ": 2,000 bytes is more than the 1,024-byte limit");
  }

  @Test
  void importedLogsAreAnalysedOnceAndReplacedWhenTheyChange() throws Exception {
    Path log = logs.resolve("b-1.log");
    Files.writeString(
        log,
        "FAIL: test_a (test.test_b.C.test_a)\nTraceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad\n");
    assertThat(run(log.toString())).isEmpty();
    assertThat(run(log.toString())).isEmpty();
    assertThat(count("failures")).isEqualTo(1);

    Files.writeString(log, "./x.c:1:2: error: boom\n");
    assertThat(run(log.toString())).isEmpty();

    assertThat(cli.out()).contains("updated");
    Jdbi jdbi = database().jdbi();
    List<String> kinds =
        jdbi.withHandle(h -> h.createQuery("SELECT kind FROM failures").mapTo(String.class).list());
    assertThat(kinds).containsExactly("COMPILE_ERROR");
  }

  private long count(String table) throws Exception {
    return database()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  private long chunkCount() throws Exception {
    return database()
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM log_chunks").mapTo(Long.class).one());
  }
}
