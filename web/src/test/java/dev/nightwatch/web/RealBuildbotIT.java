package dev.nightwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightwatch.notifier.github.FakeGitHub;
import dev.nightwatch.web.cli.PollCommand;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nightwatch following a real Buildbot 3.7 master and worker (Debian's packages) whose builders
 * fail for real: gcc's compile error, a failing regrtest test, a flaky test that passes when
 * regrtest re-runs it, a test that hangs until regrtest's timeout, and a build that passes. The
 * master pushes every build to the server ({@code HttpStatusPush}); {@code poll} follows the same
 * master into a second store. What Nightwatch stored is checked against the master's REST API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealBuildbotIT {
  private static final String SECRET = "lab-push-secret";
  private static final Path DIR = TempData.create("nightwatch-buildbot-it");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static BuildbotLab lab;
  private static FakeGitHub github;
  private static DropwizardAppExtension<NightwatchConfiguration> app;

  @BeforeAll
  static void startLabAndServer() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String push = "http://127.0.0.1:" + port + "/api/push/buildbot/lab";
    lab = BuildbotLab.start(Files.createDirectories(DIR.resolve("lab")), push, SECRET);
    github = FakeGitHub.start();
    Path config =
        Files.writeString(
            DIR.resolve("server.yml"),
            """
            store:
              dataDir: %1$s
            buildbot:
              pushSecret: %2$s
              masters:
                - name: lab
                  url: %3$s
                  pollInterval: 1h
            notifier:
              mode: POST
              publicUrl: http://127.0.0.1:%5$d/
              github:
                baseUrl: %6$s
                token: lab-token
            server:
              applicationConnectors:
                - type: http
                  bindHost: 127.0.0.1
                  port: %5$d
              adminConnectors:
                - type: http
                  bindHost: 127.0.0.1
                  port: 0
            logging:
              level: WARN
            """
                .formatted(
                    DIR.resolve("server-data"), SECRET, lab.url(), null, port, github.url()));
    app = new DropwizardAppExtension<>(NightwatchApplication.class, config.toString());
    app.before();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (app != null) {
        app.after();
      }
    } finally {
      try {
        if (lab != null) {
          lab.close();
        }
      } finally {
        if (github != null) {
          github.close();
        }
        TempData.delete(DIR);
      }
    }
  }

  private static JsonNode api(String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static Map<String, JsonNode> storedByBuilder() throws Exception {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode b : api("/api/builds?limit=100").path("builds")) {
      out.put(b.path("builderName").asText(), api("/api/builds/" + b.path("id").asLong()));
    }
    return out;
  }

  @Test
  @Order(1)
  void pushedBuildsAreStoredAndAnalysedAsTheyFinish() throws Exception {
    lab.force(BuildbotLab.BUILDERS, "forced by the Nightwatch IT");
    lab.awaitFinished(BuildbotLab.BUILDERS.size());
    // Pushes arrive as each build finishes; the server fetches and stores it at once.
    await("every pushed build is stored")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> api("/api/builds?limit=100").path("builds").size() == 5);

    Map<String, JsonNode> stored = storedByBuilder();
    assertThat(stored).containsOnlyKeys(BuildbotLab.BUILDERS);

    JsonNode compile = stored.get("lab compile");
    assertThat(compile.at("/build/result").asText()).isEqualTo("FAILURE");
    assertThat(compile.at("/verdict/status").asText()).isEqualTo("FAILURE");
    assertThat(compile.at("/verdict/kind").asText()).isEqualTo("COMPILE_ERROR");
    assertThat(compile.at("/verdict/keyLine").asText()).contains("broken.c").contains("cary");

    JsonNode tests = stored.get("lab tests");
    assertThat(tests.at("/verdict/kind").asText()).isEqualTo("TEST_FAILURE");
    assertThat(failures(tests))
        .anySatisfy(
            f -> {
              assertThat(f.path("testFile").asText()).isEqualTo("test_lab_broken");
              assertThat(f.path("testName").asText()).contains("test_parse_patch");
              assertThat(f.path("flaky").asBoolean()).isFalse();
            });

    JsonNode flaky = stored.get("lab flaky");
    assertThat(flaky.at("/build/result").asText()).isIn("SUCCESS", "WARNINGS");
    assertThat(flaky.at("/verdict/status").asText()).isEqualTo("FLAKY");
    assertThat(failures(flaky))
        .anySatisfy(
            f -> {
              assertThat(f.path("testFile").asText()).isEqualTo("test_lab_flaky");
              assertThat(f.path("flaky").asBoolean()).isTrue();
            });

    JsonNode hang = stored.get("lab hang");
    assertThat(hang.at("/build/result").asText()).isEqualTo("FAILURE");
    assertThat(hang.at("/verdict/kind").asText()).isEqualTo("TIMEOUT");
    assertThat(failures(hang)).anyMatch(f -> f.path("testFile").asText().equals("test_lab_hang"));

    JsonNode ok = stored.get("lab ok");
    assertThat(ok.at("/verdict/status").asText()).isEqualTo("SUCCESS");
    assertThat(failures(ok)).isEmpty();
  }

  @Test
  @Order(2)
  void whatIsStoredMatchesWhatTheMasterSays() throws Exception {
    Map<String, JsonNode> stored = storedByBuilder();
    Map<Integer, String> builders = new HashMap<>();
    for (JsonNode b : lab.get("builders").path("builders")) {
      builders.put(b.path("builderid").asInt(), b.path("name").asText());
    }
    for (JsonNode real : lab.get("builds?complete=true&property=*").path("builds")) {
      String builder = builders.get(real.path("builderid").asInt());
      JsonNode mine = stored.get(builder).path("build");
      assertThat(mine.path("number").asInt()).isEqualTo(real.path("number").asInt());
      assertThat(mine.path("externalId").asLong()).isEqualTo(real.path("buildid").asLong());
      assertThat(mine.path("sourceName").asText()).isEqualTo("lab");
      assertThat(mine.path("workerName").asText()).isEqualTo("lab-worker");
      assertThat(mine.path("stateString").asText()).isEqualTo(real.path("state_string").asText());
      assertThat(mine.path("url").asText())
          .isEqualTo(
              lab.url()
                  + "#builders/"
                  + real.path("builderid").asInt()
                  + "/builds/"
                  + real.path("number").asInt());
      assertThat(
              Duration.between(
                  java.time.Instant.parse(mine.path("finishedAt").asText()),
                  java.time.Instant.ofEpochSecond(real.path("complete_at").asLong())))
          .isEqualTo(Duration.ZERO);

      JsonNode realSteps = lab.get("builds/" + real.path("buildid").asLong() + "/steps");
      List<JsonNode> mySteps = list(stored.get(builder).path("steps"));
      assertThat(mySteps).hasSize(realSteps.path("steps").size());
      for (JsonNode step : realSteps.path("steps")) {
        JsonNode myStep =
            mySteps.stream()
                .filter(s -> s.path("number").asInt() == step.path("number").asInt())
                .findFirst()
                .orElseThrow();
        assertThat(myStep.path("name").asText()).isEqualTo(step.path("name").asText());
        for (JsonNode log :
            lab.get("steps/" + step.path("stepid").asLong() + "/logs").path("logs")) {
          JsonNode myLog =
              list(myStep.path("logs")).stream()
                  .filter(l -> l.path("name").asText().equals(log.path("name").asText()))
                  .findFirst()
                  .orElseThrow();
          byte[] raw = lab.rawLog(log.path("logid").asLong());
          assertThat(myLog.path("rawSize").asLong()).isEqualTo(raw.length);
          assertThat(myLog.path("sha256").asText())
              .isEqualTo(
                  HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)));
        }
      }
    }
  }

  @Test
  @Order(3)
  void pushingTheSameBuildAgainIsHarmlessAndTheSecretIsChecked() throws Exception {
    JsonNode real = lab.get("builds?complete=true&limit=1").path("builds").path(0);
    String body = JSON.writeValueAsString(real);
    URI push = URI.create("http://127.0.0.1:" + app.getLocalPort() + "/api/push/buildbot/lab");

    HttpResponse<String> wrong =
        HTTP.send(
            HttpRequest.newBuilder(push)
                .header("X-Nightwatch-Secret", "guess")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> again =
        HTTP.send(
            HttpRequest.newBuilder(push)
                .header("X-Nightwatch-Secret", SECRET)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).path("outcome").asText()).isEqualTo("ALREADY_STORED");
    assertThat(api("/api/builds?limit=100").path("builds").size()).isEqualTo(5);
  }

  @Test
  @Order(3)
  void theMailPagesAnswerWhileNoMailHasCome() throws Exception {
    JsonNode failed = api("/api/mail?status=FAILED");
    assertThat(failed.path("mail").isEmpty()).isTrue();
    assertThat(failed.at("/counts/FAILED").asLong()).isZero();
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.getLocalPort() + "/mail?status=IGNORED"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("0 could not be parsed").contains("No mail with this status");
  }

  @Test
  @Order(4)
  void pollFollowsTheMasterIntoAnotherStoreOnceAndResumesFromItsCursor() throws Exception {
    Path config =
        Files.writeString(
            DIR.resolve("poll.yml"),
            """
            store:
              dataDir: %s
            buildbot:
              masters:
                - name: lab
                  url: %s
                  concurrency: 2
            logging:
              level: WARN
            """
                .formatted(DIR.resolve("poll-data"), lab.url()));

    String first = poll(config);
    assertThat(first).contains("lab: 5 new, 0 updated, 0 unchanged, 0 already stored");

    lab.force(List.of("lab ok", "lab flaky"), "second round");
    lab.awaitFinished(7);
    String second = poll(config);

    // The first five are recognised within the overlap, the two new ones stored.
    assertThat(second).contains("lab: 2 new").contains("0 failed");
    assertThat(second).doesNotContain("stopped");
  }

  @Test
  @Order(5)
  void aCommitThatBreaksABuilderGetsOneCommentOnItsPrAndTheFlakesNone() throws Exception {
    String sha = "5e1f00d0c0ffee00112233445566778899aabbcc";
    lab.commit(
        sha,
        "A Contributor <contributor@example.org>",
        "gh-4000: Parse patches faster (#4242)\n\nBreaks test_lab_broken.",
        "https://github.com/lab/project");
    lab.awaitFinished(8);
    String comments = "/repos/lab/project/issues/4242/comments";
    await("the notifier comments on the PR")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> github.requests("POST").stream().anyMatch(r -> r.path().equals(comments)));

    JsonNode built = lab.get("builds?complete=true&order=-buildid&limit=1").path("builds").path(0);
    java.time.Instant finished =
        java.time.Instant.ofEpochSecond(built.path("complete_at").asLong());
    FakeGitHub.Request posted =
        github.requests("POST").stream()
            .filter(r -> r.path().equals(comments))
            .findFirst()
            .orElseThrow();
    Duration latency = Duration.between(finished, posted.at());
    System.out.printf(
        "notifier: build finished -> comment posted in %.1f s%n", latency.toMillis() / 1000.0);
    assertThat(latency).isLessThan(Duration.ofSeconds(60));

    assertThat(posted.authorization()).isEqualTo("Bearer lab-token");
    assertThat(github.commentBodies("lab/project", 4242))
        .singleElement()
        .satisfies(
            body -> {
              assertThat(body).startsWith("<!-- nightwatch:pr-comment -->");
              assertThat(body)
                  .contains("lab blame")
                  .contains("test_lab_broken")
                  .contains("```pytb");
              assertThat(body).contains("http://127.0.0.1:" + app.getLocalPort() + "/builds/");
            });

    // The decision is recorded just after the comment is posted.
    await("the decision is recorded")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> storedByBuilder().get("lab blame").path("notifications").size() == 1);
    Map<String, JsonNode> stored = storedByBuilder();
    JsonNode blame = stored.get("lab blame");
    assertThat(blame.at("/suspects/0/revision").asText()).isEqualTo(sha);
    assertThat(blame.at("/notifications/0/decision").asText()).isEqualTo("POSTED");
    assertThat(blame.at("/notifications/0/prNumber").asInt()).isEqualTo(4242);
    // The forced builds named no commit, and the flaky one was a flake: no comment for them.
    assertThat(stored.get("lab flaky").at("/notifications/0/decision").asText())
        .isEqualTo("SKIPPED_FLAKY");
    assertThat(stored.get("lab compile").at("/notifications/0/decision").asText())
        .isEqualTo("SKIPPED_NO_PR");
    assertThat(github.requests("POST")).hasSize(1);
  }

  private static String poll(Path config) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    var bootstrap = new io.dropwizard.core.setup.Bootstrap<>(new NightwatchApplication());
    bootstrap.addCommand(new PollCommand(out));
    var error =
        new io.dropwizard.core.cli.Cli(
                new io.dropwizard.util.JarLocation(NightwatchApplication.class),
                bootstrap,
                out,
                out)
            .run("poll", config.toString());
    assertThat(error).as(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static List<JsonNode> failures(JsonNode detail) {
    return list(detail.path("failures"));
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }
}
