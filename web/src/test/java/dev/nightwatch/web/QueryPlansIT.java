package dev.nightwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightwatch.web.cli.DemoCommand;
import dev.nightwatch.web.cli.DemoHistory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every statement a page or read endpoint sends to SQLite, asked for its query plan: none may read
 * a whole table that grows with the fleet's history (a {@code SCAN} of builds, failures, test runs
 * …) — they seek through an index, or walk one in order under a {@code LIMIT}. The pages run over
 * the demo's data; the plans are SQLite's for the schema, whatever the amount of data.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class QueryPlansIT {
  private static final Path DATA = TempData.create("nightwatch-plans-");
  static final DropwizardAppExtension<NightwatchConfiguration> APP = TestLogs.app(DATA);

  /** Tables that stay small however long the history: configuration-sized, not history-sized. */
  private static final Set<String> SMALL =
      Set.of("sources", "builders", "workers", "tests", "fetch_skips", "ingest_cursors");

  private static final Pattern ALIASED =
      Pattern.compile("\\b(?:FROM|JOIN)\\s+(\\w+)\\s+(?:AS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);

  private static final TestHttp WEB = new TestHttp(APP);

  /** Statement text → the page that sent it first. */
  private static final Map<String, String> SENT = new ConcurrentHashMap<>();

  @BeforeAll
  static void loadTheDemo() throws Exception {
    Path logs = DemoCommand.extractDemoLogs(DATA.resolve("demo"));
    new DemoHistory(Instant.now()).write(logs.resolve("generated-history"), 20);
    TestLogs.importWhileServing(DATA, logs, APP);
    NightwatchApplication app = APP.getApplication();
    app.database()
        .jdbi()
        .getConfig(SqlStatements.class)
        .setSqlLogger(
            new SqlLogger() {
              @Override
              public void logBeforeExecution(StatementContext context) {
                // Jetty names a request's thread after it: "dw-42 - GET /clusters/7".
                String thread = Thread.currentThread().getName();
                int request = thread.indexOf(" - GET ");
                if (request >= 0) {
                  SENT.putIfAbsent(context.getParsedSql().getSql(), thread.substring(request + 3));
                }
              }
            });
  }

  @AfterAll
  static void deleteData() throws Exception {
    APP.after();
    TempData.delete(DATA);
  }

  @Test
  void noPageReadsAWholeHistoryTable() throws Exception {
    JsonNode builds = WEB.json("/api/builds?limit=100");
    long failedBuild = -1;
    for (JsonNode b : builds.get("builds")) {
      if (b.path("verdict").path("status").asText().equals("FAILURE")) {
        failedBuild = b.get("id").asLong();
        break;
      }
    }
    assertThat(failedBuild).isPositive();
    JsonNode search = WEB.json("/api/search?q=AssertionError");
    long cluster = search.at("/clusters/0/cluster/id").asLong();
    long failure = search.at("/clusters/0/failures/0/failure/id").asLong();
    String test = WEB.json("/api/flaky").at("/tests/0/test").asText();
    String builder = DemoHistory.BUILDERS.get(0);
    String cursor = builds.path("next").asText();

    List<String> pages =
        List.of(
            "/",
            "/?cursor=" + enc(cursor),
            "/builds/" + failedBuild,
            "/builds/" + failedBuild + "?line=1",
            "/search?q=AssertionError",
            "/search?q=AssertionError&builder=" + enc(builder) + "&kind=TEST_FAILURE",
            "/search?like=" + failure,
            "/clusters",
            "/clusters?offset=50",
            "/clusters/" + cluster,
            "/failures/" + failure,
            "/flaky",
            "/flaky?sort=impact&days=30",
            "/flaky?builder=" + enc(builder),
            "/flaky/tests/" + enc(test),
            "/builders",
            "/mail",
            "/api/builds",
            "/api/builds/" + failedBuild,
            "/api/clusters",
            "/api/clusters/" + cluster,
            "/api/failures/" + failure,
            "/api/failures/" + failure + "/explain",
            "/api/flaky?format=csv",
            "/api/tests/" + enc(test),
            "/api/mail");
    for (String page : pages) {
      HttpResponse<String> r = WEB.fetch(page);
      assertThat(r.statusCode()).as(page + ": " + r.body()).isIn(200, 303);
      // A template that fails half-way has already sent 200: a page must also end.
      if (r.statusCode() == 200
          && r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
        assertThat(r.body().strip()).as(page).endsWith("</html>");
      }
    }

    Map<String, List<String>> scans = new TreeMap<>();
    try (Handle h = APP.<NightwatchApplication>getApplication().database().jdbi().open()) {
      Set<String> tables =
          Set.copyOf(
              h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'")
                  .mapTo(String.class)
                  .list());
      for (Map.Entry<String, String> sent : SENT.entrySet()) {
        for (String step : plan(h.getConnection(), sent.getKey())) {
          if (wholeTable(step, sent.getKey(), tables)) {
            scans
                .computeIfAbsent(sent.getValue() + "\n  " + sent.getKey(), k -> new ArrayList<>())
                .add(step);
          }
        }
      }
    }
    assertThat(SENT).as("statements seen").hasSizeGreaterThan(20);
    assertThat(scans).as("statements reading a whole history table").isEmpty();
  }

  /** The steps of a statement's query plan, as EXPLAIN QUERY PLAN words them. */
  private static List<String> plan(Connection c, String sql) throws Exception {
    List<String> steps = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql);
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        steps.add(rows.getString("detail"));
      }
    }
    return steps;
  }

  /**
   * Whether a plan step reads a whole table: a {@code SCAN} of a table not known to be small (the
   * plan names it or its alias; a subquery's rows, already planned on their own, do not count),
   * unless it walks an index under a {@code LIMIT} (it stops after a page).
   */
  private static boolean wholeTable(String step, String sql, Set<String> tables) {
    if (!step.startsWith("SCAN ")) {
      return false;
    }
    String table = table(step.substring(5).split(" ", 2)[0], sql, tables);
    if (table == null || SMALL.contains(table)) {
      return false;
    }
    boolean ordered = step.contains(" USING INDEX ") || step.contains(" USING COVERING INDEX ");
    return !(ordered && sql.toUpperCase(java.util.Locale.ROOT).contains("LIMIT"));
  }

  /** The table a plan's name stands for: itself, or the table it is an alias of in the SQL. */
  private static String table(String name, String sql, Set<String> tables) {
    if (tables.contains(name)) {
      return name;
    }
    Matcher m = ALIASED.matcher(sql);
    while (m.find()) {
      if (name.equalsIgnoreCase(m.group(2)) && tables.contains(m.group(1))) {
        return m.group(1);
      }
    }
    return null; // a subquery's or a CTE's rows
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
