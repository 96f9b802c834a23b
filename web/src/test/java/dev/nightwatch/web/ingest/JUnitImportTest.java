package dev.nightwatch.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.collector.files.LogFileReader;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.SourceKind;
import dev.nightwatch.schema.model.StepRecord;
import dev.nightwatch.schema.store.Database;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * regrtest's {@code --junit-xml} report imported for a build the REST API stored: its outcomes (a
 * test that failed, then passed is flaky) join what the build's stdio log says.
 */
class JUnitImportTest {
  @TempDir Path dir;
  private Database database;
  private Store store;

  @BeforeEach
  void setUp() throws Exception {
    database = Database.open(dir.resolve("data"), Duration.ofSeconds(10));
    database.migrate();
    store = Store.over(database, Clock.systemUTC());
  }

  private List<String> strings(String sql) {
    return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
  }

  @Test
  void aJUnitReportImportedBesideTheStdioLogAddsItsOutcomesAndKeepsTheLogs() throws Exception {
    byte[] stdio =
        """
        0:00:01 load avg: 0.5 [1/1/1] test_socket failed (1 failure)
        ======================================================================
        FAIL: test_recv (test.test_socket.RecvTests.test_recv)
        ----------------------------------------------------------------------
        Traceback (most recent call last):
          File "/build/Lib/test/test_socket.py", line 10, in test_recv
        AssertionError: 1 != 2

        1 test failed:
            test_socket

        Result: FAILURE
        """
            .getBytes(StandardCharsets.UTF_8);
    store
        .ingest()
        .ingest(
            new BuildRecord(
                "lab",
                SourceKind.BUILDBOT,
                "http://127.0.0.1:8010/",
                "lab tests",
                2L,
                9,
                77L,
                null,
                "main",
                null,
                BuildResult.FAILURE,
                "failed test (failure)",
                null,
                null,
                Instant.parse("2026-11-30T10:00:00Z"),
                null,
                "lab-worker",
                List.of(),
                List.of(
                    new StepRecord(
                        5,
                        "test",
                        BuildResult.FAILURE,
                        "test",
                        null,
                        null,
                        List.of(new LogRecord("stdio", () -> new ByteArrayInputStream(stdio)))))));
    assertThat(strings("SELECT t.name FROM test_runs r JOIN tests t ON t.id = r.test_id"))
        .containsExactly("test_socket");

    // The report and a sidecar naming the same build, imported as a log file.
    Path xml = dir.resolve("junit.xml");
    try (InputStream in = getClass().getResourceAsStream("/junit/regrtest-rerun.xml")) {
      Files.copy(in, xml);
    }
    Files.writeString(
        dir.resolve("junit.xml.json"),
        """
        {"master": "lab", "builder": "lab tests", "number": 9, "result": "FAILURE",
         "finished": "2026-11-30T10:00:00Z", "step": "junit", "log": "junit.xml"}
        """);
    LogImport.Report report =
        new LogImport(new LogFileReader(1 << 20), store.ingest()).run(List.of(xml), r -> {});

    assertThat(report.failures()).isZero();
    assertThat(strings("SELECT COUNT(*) FROM builds")).containsExactly("1");
    assertThat(
            strings(
                "SELECT t.name || ' ' || r.status FROM test_runs r JOIN tests t"
                    + " ON t.id = r.test_id ORDER BY t.name"))
        .containsExactly(
            "test_lab_broken FAILED_AGAIN",
            "test_lab_flaky FLAKY",
            "test_lab_math PASSED",
            "test_socket FAILED");
    assertThat(strings("SELECT test_file || ' ' || flaky FROM failures ORDER BY test_file"))
        .containsExactly("test_lab_broken 0", "test_lab_flaky 1", "test_socket 0");
  }
}
