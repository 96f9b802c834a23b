package dev.nightwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightwatch.web.cli.DemoHistory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The flakiness report, test pages and explanations of a server over generated history (six
 * builders, 30 builds each) imported through the real pipeline into a real SQLite file.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FlakyReportIT {
  static final int BUILDS = 30;
  static final Path DATA = TempData.create("nightwatch-flaky-it");

  static final DropwizardAppExtension<NightwatchConfiguration> APP = TestLogs.app(DATA);

  private static final TestHttp WEB = new TestHttp(APP);

  @BeforeAll
  static void importHistory() throws Exception {
    Path logs = DATA.resolve("incoming");
    new DemoHistory(Instant.now()).write(logs, BUILDS);
    TestLogs.importWhileServing(DATA, logs, APP);
  }

  @AfterAll
  static void deleteData() throws Exception {
    APP.after();
    TempData.delete(DATA);
  }

  @Nested
  class Report {
    @Test
    void ranksTheFlakyTestsWithIntervalsAndDetails() throws Exception {
      JsonNode report = WEB.json("/api/flaky");
      List<String> tests = names(report);
      assertThat(tests).contains("test_asyncio", "test_zipfile").doesNotContain("test_json");
      assertThat(tests.indexOf("test_asyncio"))
          .isLessThan(
              tests.indexOf("test_sys") < 0 ? Integer.MAX_VALUE : tests.indexOf("test_sys"));
      for (JsonNode t : report.get("tests")) {
        assertThat(t.get("lower").asDouble()).isLessThanOrEqualTo(t.get("probability").asDouble());
        assertThat(t.get("probability").asDouble()).isLessThanOrEqualTo(t.get("upper").asDouble());
        assertThat(t.get("failures").asLong() + t.get("flaky").asLong()).isPositive();
      }
      JsonNode asyncio = row(report, "test_asyncio");
      assertThat(asyncio.get("flaky").asLong()).isPositive();
      assertThat(asyncio.get("builders")).isNotEmpty();
      assertThat(asyncio.get("workers").get(0).get("name").asText()).startsWith("gen-worker-");
      assertThat(asyncio.get("weekly")).isNotEmpty();
      assertThat(asyncio.get("clusters").get(0).get("id").asLong()).isPositive();
      assertThat(asyncio.get("firstFlakyAt").asText()).endsWith("Z");
      // Wilson lower bounds descend.
      double previous = Double.MAX_VALUE;
      for (JsonNode t : report.get("tests")) {
        if (t.get("runs").asLong() >= 10) {
          assertThat(t.get("wilsonLower").asDouble()).isLessThanOrEqualTo(previous);
          previous = t.get("wilsonLower").asDouble();
        }
      }
    }

    @Test
    void aMassFailureCountsAsAnIncidentNotAgainstEveryTest() throws Exception {
      JsonNode report = WEB.json("/api/flaky");
      JsonNode json = row(report, "test_asyncio");
      assertThat(json.get("incidents").asLong()).isPositive();
      // The Windows builder's mass failure and the s390x worker's outage are listed as suspects.
      List<String> suspects = new ArrayList<>();
      report
          .get("incidents")
          .forEach(
              i -> suspects.add(i.get("builderName").asText() + ": " + i.get("incident").asText()));
      assertThat(suspects)
          .contains(
              DemoHistory.BUILDERS.get(3) + ": MASS_FAILURE",
              DemoHistory.BUILDERS.get(4) + ": WORKER");
      assertThat(WEB.text("/flaky")).contains("Infra suspects", "gen-worker-4");
      // test_json never fails but in incidents, so it is not in the report at all.
      JsonNode detail = WEB.json("/api/tests/test_json");
      assertThat(detail.get("summary").get("failures").asLong()).isZero();
      assertThat(detail.get("summary").get("incidents").asLong()).isPositive();
    }

    @Test
    void filtersByBuilderAndRanksByImpact() throws Exception {
      String macos = URLEncoder.encode(DemoHistory.BUILDERS.get(2), StandardCharsets.UTF_8);
      JsonNode onMacos = WEB.json("/api/flaky?builder=" + macos);
      assertThat(onMacos.get("builder").asText()).isEqualTo(DemoHistory.BUILDERS.get(2));
      assertThat(onMacos.get("incidents")).isEmpty(); // its worker never failed at large
      for (JsonNode t : onMacos.get("tests")) {
        assertThat(t.get("runs").asLong() + t.get("incidents").asLong()).isEqualTo(BUILDS);
      }
      JsonNode impact = WEB.json("/api/flaky?sort=impact");
      long previous = Long.MAX_VALUE;
      for (JsonNode t : impact.get("tests")) {
        assertThat(t.get("red").asLong()).isLessThanOrEqualTo(previous);
        previous = t.get("red").asLong();
      }
      assertThat(names(impact).get(0)).isEqualTo("test_zipfile");
    }

    @Test
    void pagesThroughTheRanking() throws Exception {
      JsonNode first = WEB.json("/api/flaky?limit=2");
      assertThat(first.get("tests")).hasSize(2);
      assertThat(first.get("next").asInt()).isEqualTo(2);
      JsonNode second = WEB.json("/api/flaky?limit=2&offset=2");
      assertThat(second.get("tests").get(0).get("rank").asInt()).isEqualTo(3);
      assertThat(names(second)).doesNotContainAnyElementsOf(names(first));
    }

    @Test
    void exportsCsv() throws Exception {
      HttpResponse<String> csv = WEB.fetch("/api/flaky?format=csv");
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
      List<String> lines = csv.body().lines().toList();
      assertThat(lines.get(0)).startsWith("rank,test,runs,failures,flaky,incidents,red,");
      assertThat(lines).hasSize(WEB.json("/api/flaky").get("tests").size() + 1);
      assertThat(lines.get(1)).startsWith("1,");
    }

    @Test
    void refusesBadFiltersAndUnknownTests() throws Exception {
      assertThat(WEB.fetch("/api/flaky?days=0").statusCode()).isEqualTo(400);
      assertThat(WEB.fetch("/api/flaky?sort=loudest").statusCode()).isEqualTo(400);
      assertThat(WEB.fetch("/api/flaky?builder=nope").statusCode()).isEqualTo(400);
      assertThat(WEB.fetch("/api/flaky?days=x").statusCode()).isEqualTo(400);
      assertThat(WEB.fetch("/api/flaky?limit=0").statusCode()).isEqualTo(400);
      assertThat(WEB.fetch("/api/tests/test_zipfile?days=99999").statusCode()).isEqualTo(400);
      assertThat(WEB.fetch("/api/tests/test_nonexistent").statusCode()).isEqualTo(404);
    }
  }

  @Nested
  class Pages {
    @Test
    void theReportPageShowsTheRankingWithBarsAndSparklines() throws Exception {
      String page = WEB.text("/flaky");
      assertThat(page)
          .contains(
              "Flakiest tests",
              "test_asyncio",
              "<svg class=\"bar\"",
              "<polyline points=\"",
              "/flaky/tests/test_asyncio");
      assertThat(WEB.text("/flaky?sort=impact&days=7")).contains("impact (red builds)");
    }

    @Test
    void aTestsBuildersComeMostUnsettledFirstAPageAtATime() throws Exception {
      JsonNode first = WEB.json("/api/tests/test_zipfile");
      int total = first.get("totalBuilders").asInt();
      assertThat(total).isEqualTo(first.get("builders").size()).isGreaterThan(1);
      assertThat(first.at("/builders/0/series/state").asText()).isEqualTo("FAILING");
      assertThat(first.at("/builders/0/series/builderName").asText())
          .isEqualTo(DemoHistory.BUILDERS.get(0));
      assertThat(first.get("previous").isNull()).isTrue();
      assertThat(first.get("next").isNull()).isTrue();

      JsonNode last = WEB.json("/api/tests/test_zipfile?offset=" + (total - 1));
      assertThat(last.get("builders")).hasSize(1);
      assertThat(last.get("previous").asInt()).isZero();
      assertThat(last.at("/builders/0/series/builderName").asText())
          .isEqualTo(first.at("/builders/" + (total - 1) + "/series/builderName").asText());
      assertThat(WEB.fetch("/api/tests/test_zipfile?offset=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void aTestPageShowsEachBuildersStripAndSegments() throws Exception {
      String page = WEB.text("/flaky/tests/test_zipfile");
      assertThat(page)
          .contains(
              DemoHistory.BUILDERS.get(0),
              "failing since build 21",
              "class=\"run-fail\"",
              "class=\"run-pass\"");
    }
  }

  @Nested
  class Explain {
    @Test
    void theRegressionIsNewWhereItBeganAndBrokenBeforeAfter() throws Exception {
      assertThat(explain(DemoHistory.BUILDERS.get(0), 21, "test_zipfile").get("verdict").asText())
          .isEqualTo("NEW");
      JsonNode later = explain(DemoHistory.BUILDERS.get(0), 25, "test_zipfile");
      assertThat(later.get("verdict").asText()).isEqualTo("BROKEN_BEFORE");
      assertThat(later.get("figures").get("clusterLastBuildNumber").asInt()).isEqualTo(24);
    }

    @Test
    void aMassFailureIsInfra() throws Exception {
      JsonNode e = explain(DemoHistory.BUILDERS.get(3), BUILDS / 2, null);
      assertThat(e.get("verdict").asText()).isEqualTo("INFRA");
      assertThat(e.get("reason").asText()).contains("most of the build's tests failed");
    }

    @Test
    void aPassOnReRunIsLikelyFlakyAndTheBuildPageSaysSo() throws Exception {
      long failure = -1;
      long build = -1;
      search:
      for (int n = 1; n <= BUILDS; n++) {
        long id = buildId(DemoHistory.BUILDERS.get(2), n);
        for (JsonNode f : WEB.json("/api/builds/" + id).get("failures")) {
          if (f.get("flaky").asBoolean()) {
            failure = f.get("id").asLong();
            build = id;
            break search;
          }
        }
      }
      assertThat(failure).isPositive();
      assertThat(WEB.json("/api/failures/" + failure + "/explain").get("verdict").asText())
          .isEqualTo("LIKELY_FLAKY");
      assertThat(WEB.text("/builds/" + build))
          .contains("likely flaky</strong>: the test passed when" + " re-run in the same build");
      assertThat(WEB.fetch("/api/failures/999999/explain").statusCode()).isEqualTo(404);
    }
  }

  private static JsonNode explain(String builder, int number, String test) throws Exception {
    for (JsonNode f : WEB.json("/api/builds/" + buildId(builder, number)).get("failures")) {
      if (test == null || test.equals(f.get("testFile").asText())) {
        return WEB.json("/api/failures/" + f.get("id").asLong() + "/explain");
      }
    }
    throw new AssertionError("no failure of " + test + " in " + builder + " #" + number);
  }

  private static long buildId(String builder, int number) throws Exception {
    String next = "";
    do {
      JsonNode page = WEB.json("/api/builds?limit=500" + (next.isEmpty() ? "" : "&cursor=" + next));
      for (JsonNode b : page.get("builds")) {
        if (b.get("builderName").asText().equals(builder) && b.get("number").asInt() == number) {
          return b.get("id").asLong();
        }
      }
      next = page.get("next").isNull() ? "" : page.get("next").asText();
    } while (!next.isEmpty());
    throw new AssertionError("no build " + builder + " #" + number);
  }

  private static List<String> names(JsonNode report) {
    List<String> names = new ArrayList<>();
    report.get("tests").forEach(t -> names.add(t.get("test").asText()));
    return names;
  }

  private static JsonNode row(JsonNode report, String test) {
    for (JsonNode t : report.get("tests")) {
      if (t.get("test").asText().equals(test)) {
        return t;
      }
    }
    throw new AssertionError(test + " is not in the report");
  }
}
