package dev.nightwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.collector.files.LogFileReader;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.ingest.LogImport;
import dev.nightwatch.web.ingest.Store;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Log text for tests (regrtest failures as CPython's fleet prints them), and the app over it. */
public final class TestLogs {
  private TestLogs() {}

  /** test_ftplib failing with {@code AssertionError: ACTUAL != EXPECTED}, then the run's result. */
  public static String ftpFailure(String actual, String expected) {
    return """
        ======================================================================
        FAIL: test_storlines (test.test_ftplib.TestFTPClass.test_storlines)
        ----------------------------------------------------------------------
        Traceback (most recent call last):
          File "/home/buildbot/buildarea/3.x/build/Lib/test/test_ftplib.py", line 635, in t
            self.assertEqual(len(data), 12018)
        AssertionError: %s != %s

        test test_ftplib failed
        == Tests result: FAILURE ==
        """
        .formatted(actual, expected);
  }

  /** test_htmlkit failing with {@code AssertionError: MESSAGE} (markup, mentions: hostile text). */
  public static String htmlkitFailure(String message) {
    return """
        0:00:01 load avg: 0.50 [1/2] test_htmlkit
        ======================================================================
        FAIL: test_escape (test.test_htmlkit.EscapeTests.test_escape)
        ----------------------------------------------------------------------
        Traceback (most recent call last):
          File "/home/buildbot/3.x/build/Lib/test/test_htmlkit.py", line 42, in test_escape
            self.assertEqual(render(), "x")
        AssertionError: %s

        test test_htmlkit failed
        == Tests result: FAILURE ==
        """
        .formatted(message);
  }

  /** The application over a data directory, on random ports, with more overrides. */
  public static DropwizardAppExtension<NightwatchConfiguration> app(
      Path data, ConfigOverride... more) {
    List<ConfigOverride> overrides =
        new ArrayList<>(
            List.of(
                ConfigOverride.config("store.dataDir", data.toString()),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0")));
    overrides.addAll(List.of(more));
    return new DropwizardAppExtension<>(
        NightwatchApplication.class, (String) null, overrides.toArray(ConfigOverride[]::new));
  }

  /**
   * Imports log files into the app's data directory through a second store, as the CLI does while a
   * server runs, then has the server cluster and index them now rather than at its next poll.
   */
  public static void importWhileServing(
      Path data, Path logs, DropwizardAppExtension<NightwatchConfiguration> app) throws Exception {
    Database database = Database.open(data, Duration.ofSeconds(10));
    database.migrate();
    LogImport.Report report =
        new LogImport(new LogFileReader(1 << 20), Store.over(database, Clock.systemUTC()).ingest())
            .run(List.of(logs), r -> {});
    assertThat(report.failures()).isZero();
    HttpResponse<String> drained =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.getAdminPort() + "/tasks/index-drain"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(drained.statusCode()).isEqualTo(200);
  }
}
