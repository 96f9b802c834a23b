package dev.nightwatch.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole application on a random port over a real SQLite file, fed by a real import. */
@ExtendWith(DropwizardExtensionsSupport.class)
class NightwatchApplicationIT {
  private static final Path DATA = TempData.create("nightwatch-it-");
  private static final byte[] HOSTILE_LOG =
      ("0:00:01 load avg: 0.50 [1/2] test_html failed\n"
              + "<script>alert('pwned')</script> & \"quotes\"\r\n"
              + "invalid UTF-8: \u0000".replace("\u0000", ""))
          .getBytes(UTF_8);

  static final DropwizardAppExtension<NightwatchConfiguration> APP =
      TestLogs.app(DATA, ConfigOverride.config("triage.tokens.alice", "alice-secret-token"));

  /** A regrtest failure whose assertion message carries markup and the word pwned. */
  private static String failingLog() {
    return TestLogs.htmlkitFailure("'<script>alert(pwned)</script>' != 'x' @core-devs **bold**");
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path logs;

  @BeforeAll
  static void importLogs() throws Exception {
    logs = Files.createDirectories(DATA.resolve("incoming"));
    Files.write(logs.resolve("hostile.log"), withInvalidByte(HOSTILE_LOG));
    try (var in =
        NightwatchApplicationIT.class.getResourceAsStream("/logs/lab_flaky_failure.log")) {
      Files.copy(in, logs.resolve("ARM64 macOS 3.x-21.log"));
    }
    for (int n = 1; n <= 5; n++) {
      Files.writeString(logs.resolve("AMD64 Debian 3.x-" + n + ".log"), "build " + n + "\n");
    }
    Files.writeString(logs.resolve("PPC64LE Fedora 3.x-8.log"), failingLog());
    Files.writeString(logs.resolve("s390x RHEL8 3.x-9.log"), failingLog());
    // Imported by a second store over the same file while the server runs, as the CLI would.
    TestLogs.importWhileServing(DATA, logs, APP);
  }

  @AfterAll
  static void deleteData() throws IOException {
    APP.after(); // the server's index thread writes into DATA until the server stops
    TempData.delete(DATA);
  }

  @Nested
  class BuildsApi {
    @Test
    void listsImportedBuildsNewestFirstInPages() throws Exception {
      List<String> seen = new ArrayList<>();
      String next = "";
      int pages = 0;
      do {
        JsonNode page = json("/api/builds?limit=2" + (next.isEmpty() ? "" : "&cursor=" + next));
        page.get("builds")
            .forEach(b -> seen.add(b.get("builderName").asText() + " #" + b.get("number").asInt()));
        next = page.get("next").isNull() ? "" : page.get("next").asText();
        pages++;
      } while (!next.isEmpty());

      assertThat(pages).isEqualTo(5);
      assertThat(seen)
          .hasSize(9)
          .doesNotHaveDuplicates()
          .contains("AMD64 Debian 3.x #1", "AMD64 Debian 3.x #5", "hostile #1");
    }

    @Test
    void givesOneBuildWithItsStepsAndLogs() throws Exception {
      long id = buildId("hostile");

      JsonNode build = json("/api/builds/" + id);

      assertThat(build.at("/build/builderName").asText()).isEqualTo("hostile");
      assertThat(build.at("/build/finishedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(build.at("/steps/0/name").asText()).isEqualTo("log");
      assertThat(build.at("/steps/0/logs/0/name").asText()).isEqualTo("stdio");
      assertThat(build.at("/steps/0/logs/0/validUtf8").asBoolean()).isFalse();
    }

    @Test
    void givesTheAnalysisOfABuild() throws Exception {
      JsonNode build = json("/api/builds/" + buildId("ARM64 macOS 3.x"));

      assertThat(build.at("/verdict/status").asText()).isEqualTo("FAILURE");
      assertThat(build.at("/verdict/kind").asText()).isEqualTo("TEST_FAILURE");
      assertThat(build.at("/failures/0/testFile").asText()).isEqualTo("test_netflaky");
      assertThat(build.at("/failures/0/keyLine").asText())
          .startsWith("AssertionError: 131072 != 262144");
      assertThat(build.at("/failures/0/fingerprint").asText()).hasSize(32);
      assertThat(build.get("tests").findValuesAsText("status")).contains("PASSED", "FAILED_AGAIN");
      JsonNode list = json("/api/builds?limit=500").get("builds");
      assertThat(list.findValuesAsText("status")).contains("FAILURE", "UNKNOWN");
    }

    @Test
    void returnsTheRawLogByteForByte() throws Exception {
      HttpResponse<byte[]> response =
          HTTP.send(
              get("/api/builds/" + buildId("hostile") + "/log"),
              HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(response.body()).isEqualTo(Files.readAllBytes(logs.resolve("hostile.log")));
    }

    @Test
    void answersBadRequestsWithClearErrors() throws Exception {
      assertThat(status("/api/builds?limit=0")).isEqualTo(400);
      assertThat(status("/api/builds?limit=abc")).isEqualTo(400);
      assertThat(status("/api/builds?cursor=nonsense")).isEqualTo(400);
      assertThat(status("/api/builds/999999")).isEqualTo(404);
      assertThat(status("/api/builds/" + buildId("hostile") + "/log?log=999999")).isEqualTo(404);
    }
  }

  @Nested
  class Pages {
    @Test
    void theHomePageListsTheBuilds() throws Exception {
      String html = text("/");

      assertThat(html).contains("<h1>Builds</h1>", "AMD64 Debian 3.x", "#5", "hostile");
    }

    @Test
    void theBuildPageShowsLogTextEscapedWithLineAnchors() throws Exception {
      String html = text("/builds/" + buildId("hostile"));

      assertThat(html)
          .doesNotContain("<script>alert")
          .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
          .contains("id=\"L2\"", "href=\"#L2\"")
          .contains("not valid UTF-8");
    }

    @Test
    void theBuildPageShowsTheFailuresAndHighlightsTheirKeyLines() throws Exception {
      String html = text("/builds/" + buildId("ARM64 macOS 3.x"));

      assertThat(html)
          .contains(
              "<h2 id=\"failures\">Failures</h2>",
              "test_netflaky.LoopbackEchoTests.test_echo_large")
          .contains("rule <code>unittest-fail</code>")
          .contains("failed again")
          .containsPattern("<div class=\"line key\" id=\"L\\d+\">");
    }

    @Test
    void aLineNumberOpensThePageHoldingIt() throws Exception {
      assertThat(text("/builds/" + buildId("hostile") + "?line=3")).contains("id=\"L3\"");
      assertThat(status("/builds/" + buildId("hostile") + "?line=0")).isEqualTo(400);
      assertThat(status("/builds/" + buildId("hostile") + "?from=x")).isEqualTo(400);
    }

    @Test
    void theHomePageLeadsWithWhatIsRedAndNew() throws Exception {
      String html = text("/");

      assertThat(html).contains("<h2>Red now</h2>", "<h2>New clusters (last day)</h2>");
      assertThat(html).containsPattern("<strong>\\d+</strong> failures in builds finished since");
      // Red: a FAILURE result; the logs without Buildbot's exit line are UNKNOWN, not red.
      assertThat(html).contains("ARM64 macOS 3.x #21</a> <span class=\"result result-failure\">");
      assertThat(html).doesNotContain("AMD64 Debian 3.x #5</a> <span class=\"result");
      assertThat(html)
          .contains(
              "&lt;script&gt;alert(pwned)&lt;/script&gt;&#39; != &#39;x&#39; @core-devs **bold**</a> · 2 ×");
      String second = json("/api/builds?limit=2").path("next").asText();
      assertThat(text("/?cursor=" + second)).doesNotContain("Red now");
    }

    @Test
    void theBuildersGridShowsEachBuildersLastBuildsNewestFirst() throws Exception {
      String html = text("/builders");

      assertThat(html).contains("<h1>Builders</h1>", "AMD64 Debian 3.x", "PPC64LE Fedora 3.x");
      // AMD64 Debian 3.x's five builds, newest on the left, each linking to its build.
      assertThat(html)
          .containsPattern(
              "(?s)AMD64 Debian 3\\.x</td>\\s*<td class=\"cells\"><a class=\"cell result-[a-z]+\""
                  + " href=\"/builds/\\d+\" title=\"#5 .*?>5</a><a[^>]*>4</a>");
      assertThat(html).contains("0 mail could not be parsed", "No build or log was refused");
      assertThat(status("/builders?offset=x")).isEqualTo(400);
    }

    @Test
    void theStylesheetIsServed() throws Exception {
      assertThat(status("/assets/nightwatch.css")).isEqualTo(200);
    }
  }

  @Nested
  class Admin {
    @Test
    void healthChecksReportTheDatabaseAndDataDirectory() throws Exception {
      HttpResponse<String> response = admin("/healthcheck");

      JsonNode health = JSON.readTree(response.body());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(health.at("/database/healthy").asBoolean()).isTrue();
      assertThat(health.at("/data-dir/healthy").asBoolean()).isTrue();
      assertThat(health.at("/index/healthy").asBoolean()).isTrue();
      assertThat(health.at("/index/message").asText()).contains("failures indexed");
    }

    @Test
    void metricsAreServed() throws Exception {
      HttpResponse<String> response = admin("/metrics");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(response.body()).has("timers")).isTrue();
    }

    private HttpResponse<String> admin(String path) throws Exception {
      URI uri = URI.create("http://127.0.0.1:" + APP.getAdminPort() + path);
      return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Nested
  class Search {
    @Test
    void findsFailuresGroupedByClusterWithFacetsAndHighlights() throws Exception {
      JsonNode page = json("/api/search?q=pwned");

      assertThat(page.get("totalHits").asLong()).isEqualTo(2);
      assertThat(page.get("totalClusters").asInt()).isEqualTo(1);
      JsonNode cluster = page.at("/clusters/0");
      assertThat(cluster.at("/cluster/occurrences").asLong()).isEqualTo(2);
      assertThat(cluster.get("hits").asLong()).isEqualTo(2);
      assertThat(cluster.get("link").asText()).startsWith("/clusters/");
      assertThat(cluster.at("/failures/0/keyLine").findValuesAsText("text")).contains("pwned");
      assertThat(cluster.at("/failures/0/link").asText()).startsWith("/failures/");
      assertThat(page.at("/facets/builder").findValuesAsText("value"))
          .containsExactlyInAnyOrder("PPC64LE Fedora 3.x", "s390x RHEL8 3.x");
      assertThat(page.at("/facets/builder/0/link").asText()).startsWith("/search?q=pwned&builder=");
      assertThat(page.get("permalink").asText()).isEqualTo("/search?q=pwned");
    }

    @Test
    void filtersAndPagesTheClusters() throws Exception {
      JsonNode all = json("/api/search?q=&perPage=1");
      JsonNode second = json("/api/search?q=&perPage=1&page=2");
      JsonNode narrowed = json("/api/search?q=pwned&builder=s390x%20RHEL8%203.x");

      assertThat(all.get("totalClusters").asInt()).isGreaterThan(1);
      assertThat(all.get("next").asText()).isEqualTo("/search?q=&perPage=1&page=2");
      assertThat(second.get("previous").asText()).isEqualTo("/search?q=&perPage=1");
      assertThat(second.at("/clusters/0/cluster/id"))
          .isNotEqualTo(all.at("/clusters/0/cluster/id"));
      assertThat(narrowed.get("totalHits").asLong()).isEqualTo(1);
      assertThat(
              json("/api/search?q=pwned&from=2000-01-01&to=2000-12-31").get("totalHits").asLong())
          .isZero();
    }

    @Test
    void aMalformedQueryIsABadRequestWithTheParsersMessage() throws Exception {
      HttpResponse<String> api =
          HTTP.send(get("/api/search?q=builder:(x"), BodyHandlers.ofString());
      HttpResponse<String> page = HTTP.send(get("/search?q=builder:(x"), BodyHandlers.ofString());

      assertThat(api.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(api.body()).get("message").asText()).contains("Cannot parse");
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("class=\"error\"", "Cannot parse");
      assertThat(status("/api/search?from=yesterday")).isEqualTo(400);
      assertThat(status("/api/search?kind=x&perPage=51")).isEqualTo(400);
    }

    @Test
    void theSearchPageEscapesLogTextAndMarksWhatMatched() throws Exception {
      String html = text("/search?q=pwned");

      assertThat(html)
          .doesNotContain("<script>alert")
          .contains("&lt;script&gt;alert(<mark>pwned</mark>)&lt;/script&gt;")
          .contains("href=\"/clusters/");
    }

    @Test
    void moreLikeThisFindsTheOtherFailureOfTheCluster() throws Exception {
      JsonNode hit = json("/api/search?q=pwned").at("/clusters/0/failures/0/failure");

      JsonNode like = json("/api/search?like=" + hit.get("id").asLong());

      assertThat(like.findValues("failure").stream().map(f -> f.get("id").asLong()))
          .isNotEmpty()
          .doesNotContain(hit.get("id").asLong());
      assertThat(like.at("/clusters/0/cluster/id")).isEqualTo(hit.get("clusterId"));
    }

    @Test
    void aFailurePermalinkLeadsToItOnItsBuildPage() throws Exception {
      JsonNode hit = json("/api/search?q=pwned").at("/clusters/0/failures/0/failure");

      HttpResponse<String> response =
          HTTP.send(get("/failures/" + hit.get("id").asLong()), BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(303);
      assertThat(response.headers().firstValue("Location").orElseThrow())
          .endsWith(
              "/builds/" + hit.get("buildId").asLong() + "#failure-" + hit.get("id").asLong());
      assertThat(text("/builds/" + hit.get("buildId").asLong()))
          .contains("id=\"failure-" + hit.get("id").asLong() + "\"", "similar failures");
    }
  }

  @Nested
  class Clusters {
    @Test
    void aClusterShowsItsFailuresAndWhereTheyHappened() throws Exception {
      long id = json("/api/search?q=pwned").at("/clusters/0/cluster/id").asLong();

      JsonNode cluster = json("/api/clusters/" + id);
      String html = text("/clusters/" + id);

      assertThat(cluster.get("builders").findValuesAsText("name"))
          .containsExactlyInAnyOrder("PPC64LE Fedora 3.x", "s390x RHEL8 3.x");
      assertThat(cluster.get("failures")).hasSize(2);
      assertThat(cluster.get("failures").findValuesAsText("clusterMethod"))
          .containsExactlyInAnyOrder("new", "fingerprint");
      assertThat(html).contains("PPC64LE Fedora 3.x", "&lt;script&gt;").doesNotContain("<script>");
      assertThat(text("/clusters")).contains("href=\"/clusters/" + id + "\"");
      // Per day per builder: both builders failed once on the day it was last seen.
      assertThat(cluster.at("/chart/days").asInt()).isEqualTo(30);
      assertThat(cluster.at("/chart/rows").findValuesAsText("builder"))
          .containsExactlyInAnyOrder("PPC64LE Fedora 3.x", "s390x RHEL8 3.x");
      assertThat(cluster.at("/chart/rows/0/perDay/29").asInt()).isEqualTo(1);
      assertThat(html).contains("<svg class=\"heat\"", "PPC64LE Fedora 3.x (1)</text>");
      HttpResponse<String> stale = HTTP.send(get("/clusters/999999"), BodyHandlers.ofString());
      assertThat(stale.statusCode()).isEqualTo(404);
      assertThat(stale.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(stale.body()).contains("<h1>Not found</h1>", "no cluster 999999");
      HttpResponse<String> api = HTTP.send(get("/api/clusters/999999"), BodyHandlers.ofString());
      assertThat(api.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(api.body()).get("message").asText()).isEqualTo("no cluster 999999");
      HttpResponse<String> badOffset =
          HTTP.send(get("/clusters/" + id + "?offset=x"), BodyHandlers.ofString());
      assertThat(badOffset.statusCode()).isEqualTo(400);
      assertThat(badOffset.body()).contains("query parameter offset is not a whole number");
    }

    @Test
    void triageActionsNeedATokenAndAreRecordedWithWhoActed() throws Exception {
      long id = json("/api/search?q=pwned").at("/clusters/0/cluster/id").asLong();
      String body = "{\"url\": \"https://github.com/python/cpython/issues/4242\"}";

      HttpResponse<String> anonymous = post("/api/clusters/" + id + "/issue", body, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(anonymous.body()).get("code").asInt()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("Connection")).hasValue("close");
      assertThat(post("/api/clusters/" + id + "/issue", body, "wrong").statusCode()).isEqualTo(401);
      // Reading is open, but a wrong token is still said to be wrong rather than read past.
      HttpResponse<String> wrongRead =
          HTTP.send(
              HttpRequest.newBuilder(get("/api/clusters/" + id), (n, v) -> true)
                  .header("Authorization", "Bearer wrong")
                  .build(),
              BodyHandlers.ofString());
      assertThat(wrongRead.statusCode()).isEqualTo(401);
      assertThat(wrongRead.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(c -> assertThat(c).contains("error=\"invalid_token\""));
      assertThat(JSON.readTree(wrongRead.body()).get("message").asText())
          .contains("not one of this Nightwatch's");
      HttpResponse<String> ok = post("/api/clusters/" + id + "/issue", body, "alice-secret-token");

      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(JSON.readTree(ok.body()).get("issueUrl").asText()).endsWith("/issues/4242");
      assertThat(json("/api/clusters/" + id).at("/actions/0/actor").asText()).isEqualTo("alice");
      assertThat(
              post(
                      "/api/clusters/" + id + "/issue",
                      "{\"url\": \"javascript:x\"}",
                      "alice-secret-token")
                  .statusCode())
          .isEqualTo(400);
      assertThat(post("/api/clusters/999999/fixed", "{}", "alice-secret-token").statusCode())
          .isEqualTo(404);
      assertThat(post("/api/clusters/" + id + "/merge", "{}", "alice-secret-token").statusCode())
          .isEqualTo(400);
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return HTTP.send(request.build(), BodyHandlers.ofString());
    }
  }

  private static HttpResponse<String> adminPost(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + APP.getAdminPort() + path);
    return HTTP.send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
        BodyHandlers.ofString());
  }

  private static long buildId(String builder) throws Exception {
    for (JsonNode b : json("/api/builds?limit=500").get("builds")) {
      if (b.get("builderName").asText().equals(builder)) {
        return b.get("id").asLong();
      }
    }
    throw new AssertionError("no build of " + builder);
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
        .build();
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(get(path), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String text(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(get(path), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  private static int status(String path) throws Exception {
    return HTTP.send(get(path), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static byte[] withInvalidByte(byte[] log) {
    byte[] out = new byte[log.length + 2];
    System.arraycopy(log, 0, out, 0, log.length);
    out[log.length] = (byte) 0xFF;
    out[log.length + 1] = '\n';
    return out;
  }
}
