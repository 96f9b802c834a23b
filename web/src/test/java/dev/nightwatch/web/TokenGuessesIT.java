package dev.nightwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wrong tokens from one address, at sign-in and as bearer headers, over real HTTP: after {@code
 * access.tokenGuesses} of them the address is answered 429, even with the right token.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenGuessesIT {
  private static final Path DATA = TempData.create("nightwatch-guesses-");
  private static final String ALICE = "alice-triage-token";

  static final DropwizardAppExtension<NightwatchConfiguration> APP =
      TestLogs.app(
          DATA,
          ConfigOverride.config("access.reading", "token"),
          ConfigOverride.config("access.tokenGuesses", "3"),
          ConfigOverride.config("triage.tokens.alice", ALICE));

  private static final TestHttp WEB = new TestHttp(APP);

  @AfterAll
  static void deleteData() throws Exception {
    APP.after();
    TempData.delete(DATA);
  }

  @Test
  void afterTooManyWrongTokensEvenTheRightOneWaits() throws Exception {
    assertThat(WEB.send(WEB.signInForm("guess-1", "/")).statusCode()).isEqualTo(401);
    assertThat(WEB.send(bearer("/api/builds", "guess-2")).statusCode()).isEqualTo(401);
    // The right token still works before the limit (at sign-in too), and does not clear the count.
    assertThat(WEB.send(bearer("/api/builds", ALICE)).statusCode()).isEqualTo(200);
    // A wrong bearer on an endpoint that acts counts too, though its own authentication answers,
    // and beside a signed-in session's cookie too (a reader guessing a triager's token).
    HttpResponse<String> signedIn = WEB.send(WEB.signInForm(ALICE, "/"));
    assertThat(signedIn.statusCode()).isEqualTo(303);
    String session = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    assertThat(
            WEB.send(
                    WEB.post("/api/clusters/1/fixed", "{}", "application/json")
                        .header("Cookie", session)
                        .header("Authorization", "Bearer guess-3"))
                .statusCode())
        .isEqualTo(401);

    HttpResponse<String> signIn = WEB.send(WEB.signInForm(ALICE, "/"));
    assertThat(signIn.statusCode()).isEqualTo(429);
    assertThat(signIn.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(signIn.body()).contains("Too many wrong tokens", "try again in 10 minutes");
    assertThat(Long.parseLong(signIn.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(540L, 600L);

    HttpResponse<String> api = WEB.send(bearer("/api/builds", ALICE));
    assertThat(api.statusCode()).isEqualTo(429);
    assertThat(new ObjectMapper().readTree(api.body()).get("message").asText())
        .contains("too many wrong tokens");
    assertThat(api.headers().firstValue("Retry-After")).isPresent();
  }

  private static HttpRequest.Builder bearer(String path, String token) {
    return WEB.get(path).header("Authorization", "Bearer " + token);
  }
}
