package dev.nightwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reading behind a token ({@code access.reading: token}), signing in, and the triage forms' CSRF
 * and same-site checks, over real HTTP against the whole application.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccessIT {
  private static final Path DATA = TempData.create("nightwatch-access-");
  private static final String ALICE = "alice-triage-token";
  private static final String BOB = "bob-reader-token";

  static final DropwizardAppExtension<NightwatchConfiguration> APP =
      TestLogs.app(
          DATA,
          ConfigOverride.config("access.reading", "token"),
          ConfigOverride.config("access.readers.bob", BOB),
          ConfigOverride.config("triage.tokens.alice", ALICE));

  private static final TestHttp WEB = new TestHttp(APP);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  @BeforeAll
  static void importLogs() throws Exception {
    Path logs = Files.createDirectories(DATA.resolve("incoming"));
    Files.writeString(logs.resolve("AMD64 Debian 3.x-1.log"), TestLogs.ftpFailure("12019", "1"));
    Files.writeString(logs.resolve("s390x RHEL7 3.x-2.log"), TestLogs.ftpFailure("12020", "1"));
    TestLogs.importWhileServing(DATA, logs, APP);
  }

  @AfterAll
  static void deleteData() throws Exception {
    APP.after();
    TempData.delete(DATA);
  }

  @Test
  void withoutATokenPagesLeadToSignInAndTheApiAnswers401() throws Exception {
    HttpResponse<String> home = WEB.send(WEB.get("/builders?x=1"));
    assertThat(home.statusCode()).isEqualTo(303);
    assertThat(home.headers().firstValue("Location").orElseThrow())
        .endsWith("/login?next=%2Fbuilders%3Fx%3D1");

    HttpResponse<String> api = WEB.send(WEB.get("/api/builds"));
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"nightwatch\"");
    assertThat(JSON.readTree(api.body()).get("message").asText()).contains("needs a token");
    assertThat(api.headers().firstValue("Content-Security-Policy")).isPresent();

    HttpResponse<String> signIn = WEB.send(WEB.get("/login?next=%2Fbuilders"));
    assertThat(signIn.statusCode()).isEqualTo(200);
    assertThat(signIn.body()).contains("needs a token", "value=\"/builders\"");
    // Buildbot's push has its own secret: not turned away here (404: no such master).
    assertThat(WEB.send(WEB.post("/api/push/buildbot/nope", "{}", "application/json")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aReadersTokenReadsButDoesNotAct() throws Exception {
    HttpResponse<String> builds =
        WEB.send(WEB.get("/api/builds").header("Authorization", "Bearer " + BOB));
    assertThat(builds.statusCode()).isEqualTo(200);
    long cluster = clusterId(BOB);

    String session = signIn(BOB, "/clusters/" + cluster);
    String page = WEB.send(WEB.get("/clusters/" + cluster).header("Cookie", session)).body();
    assertThat(page).contains("bob may read but not triage").doesNotContain("action=\"/clusters/");
    HttpResponse<String> refused =
        WEB.send(
            WEB.form("/clusters/" + cluster + "/fixed", session, "csrf=" + csrf(session, "/")));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("bob may read Nightwatch but not triage");
    HttpResponse<String> api =
        WEB.send(
            WEB.post("/api/clusters/" + cluster + "/fixed", "{}", "application/json")
                .header("Authorization", "Bearer " + BOB));
    assertThat(api.statusCode()).isEqualTo(401);
  }

  @Test
  void signingInChecksTheTokenAndComesBackOnlyToThisSite() throws Exception {
    HttpResponse<String> wrong = WEB.send(WEB.signInForm("not-a-token", "/"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("not one of this Nightwatch").doesNotContain("not-a-token");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

    HttpResponse<String> away = WEB.send(WEB.signInForm(ALICE, "//evil.example/x"));
    assertThat(away.statusCode()).isEqualTo(303);
    assertThat(URI.create(away.headers().firstValue("Location").orElseThrow()).getPath())
        .isEqualTo("/");
    String cookie = away.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith("nightwatch_session=")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .doesNotContain(ALICE);
    HttpResponse<String> malformed = WEB.send(WEB.signInForm(ALICE, "/a b<>"));
    assertThat(malformed.statusCode()).isEqualTo(303);
    assertThat(URI.create(malformed.headers().firstValue("Location").orElseThrow()).getPath())
        .isEqualTo("/");
    HttpResponse<String> crossSite =
        WEB.send(WEB.signInForm(ALICE, "/").header("Sec-Fetch-Site", "cross-site"));
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void triageFormsNeedTheSessionsCsrfTokenAndComeFromThisSite() throws Exception {
    long cluster = clusterId(ALICE);
    String session = signIn(ALICE, "/");
    String page = "/clusters/" + cluster;
    HttpResponse<String> shown = WEB.send(WEB.get(page).header("Cookie", session));
    assertThat(shown.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    String csrf = csrf(session, page);
    String link = "url=" + WEB.enc("https://github.com/python/cpython/issues/4242");

    // Anyone else's form: no token, a wrong one, another site's page, no session at all.
    assertThat(WEB.send(WEB.form(page + "/issue", session, link)).statusCode()).isEqualTo(403);
    assertThat(WEB.send(WEB.form(page + "/issue", session, link + "&csrf=x")).statusCode())
        .isEqualTo(403);
    assertThat(
            WEB.send(
                    WEB.form(page + "/issue", session, link + "&csrf=" + csrf)
                        .header("Origin", "http://evil.example"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            WEB.send(
                    WEB.form(page + "/issue", session, link + "&csrf=" + csrf)
                        .header("Sec-Fetch-Site", "same-site"))
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> anonymous =
        WEB.send(WEB.form(page + "/issue", null, link + "&csrf=" + csrf));
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).contains("/login?next=");
    assertThat(json("/api/clusters/" + cluster).get("cluster").get("issueUrl").isNull()).isTrue();

    HttpResponse<String> done =
        WEB.send(
            WEB.form(page + "/issue", session, link + "&csrf=" + csrf)
                .header("Origin", "http://127.0.0.1:" + APP.getLocalPort())
                .header("Sec-Fetch-Site", "same-origin"));
    assertThat(done.statusCode()).isEqualTo(303);
    String after = done.headers().firstValue("Location").orElseThrow();
    assertThat(after).endsWith(page + "?done=issue&from=" + cluster);
    assertThat(
            WEB.send(
                    WEB.get(URI.create(after).getPath() + "?done=issue&from=" + cluster)
                        .header("Cookie", session))
                .body())
        .contains("The issue link was saved", "/issues/4242");
    JsonNode detail = json("/api/clusters/" + cluster);
    assertThat(detail.at("/cluster/issueUrl").asText()).endsWith("/issues/4242");
    assertThat(detail.at("/actions/0/actor").asText()).isEqualTo("alice");

    // A refusal shows the cluster again with the reason.
    HttpResponse<String> itself =
        WEB.send(WEB.form(page + "/merge", session, "into=" + cluster + "&csrf=" + csrf));
    assertThat(itself.statusCode()).isEqualTo(400);
    assertThat(itself.body())
        .contains("Not done: cannot merge cluster " + cluster + " into itself");

    // Signing out needs the token too, and clears the cookie.
    assertThat(WEB.send(WEB.form("/logout", session, "csrf=nope")).statusCode()).isEqualTo(403);
    HttpResponse<String> out = WEB.send(WEB.form("/logout", session, "csrf=" + csrf));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    // A copy of the cookie kept after signing out signs nobody in: the server ended the session.
    HttpResponse<String> replayed = WEB.send(WEB.form(page + "/fixed", session, "csrf=" + csrf));
    assertThat(replayed.statusCode()).isEqualTo(303);
    assertThat(replayed.headers().firstValue("Location").orElseThrow()).contains("/login?next=");
    assertThat(json("/api/clusters/" + cluster).at("/cluster/status").asText())
        .isIn("NEW", "KNOWN");
  }

  private static long clusterId(String token) throws Exception {
    HttpResponse<String> r =
        WEB.send(WEB.get("/api/search?q=test_ftplib").header("Authorization", "Bearer " + token));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).at("/clusters/0/cluster/id").asLong();
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> r = WEB.send(WEB.get(path).header("Authorization", "Bearer " + BOB));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** Signs in with the token; the {@code Cookie} header that carries the session. */
  private static String signIn(String token, String next) throws Exception {
    HttpResponse<String> r = WEB.send(WEB.signInForm(token, next));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    return r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  /** The CSRF token on a page as the session sees it. */
  private static String csrf(String session, String page) throws Exception {
    String html = WEB.send(WEB.get(page).header("Cookie", session)).body();
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as(html).isTrue();
    return m.group(1);
  }
}
