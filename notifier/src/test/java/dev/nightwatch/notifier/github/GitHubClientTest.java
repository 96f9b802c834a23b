package dev.nightwatch.notifier.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.notifier.github.FakeGitHub.Fault;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GitHubClientTest {
  private static final String REPO = "python/cpython";
  private static final String MARKER = "<!-- nightwatch:pr-comment -->";
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private FakeGitHub github;
  private final List<Duration> waits = new ArrayList<>();
  private GitHubClient client;

  @BeforeEach
  void start() throws Exception {
    github = FakeGitHub.start();
    client =
        new GitHubClient(
            new GitHubClient.Settings(
                github.url(),
                "secret-token",
                Duration.ofMillis(500),
                4,
                Duration.ofSeconds(1),
                Duration.ofMinutes(15)),
            HttpClient.newHttpClient(),
            waits::add,
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void sendsTheTokenAndTheApiVersion() throws Exception {
    client.comments(REPO, 1);
    assertThat(github.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.authorization()).isEqualTo("Bearer secret-token");
              assertThat(r.path()).isEqualTo("/repos/python/cpython/issues/1/comments");
            });
  }

  @Test
  void followsThePagesOfComments() throws Exception {
    github.pageSize(2);
    for (int i = 0; i < 5; i++) {
      github.addComment(REPO, 9, "comment " + i);
    }
    assertThat(client.comments(REPO, 9))
        .extracting(IssueComment::body)
        .containsExactly("comment 0", "comment 1", "comment 2", "comment 3", "comment 4");
    assertThat(github.requests("GET")).hasSize(3);
  }

  @Test
  void findsTheMergedPullOfACommit() throws Exception {
    github.mergedPull(REPO, "abcdef1234567", 4242);
    assertThat(client.pullsOf(REPO, "abcdef1234567"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.number()).isEqualTo(4242);
              assertThat(p.mergedAt()).isNotNull();
            });
  }

  @Test
  void refusesARepositoryThatWouldChangeThePath() {
    assertThatThrownBy(() -> client.comments("python/cpython/../x", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.pullsOf(REPO, "HEAD?x=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Nested
  class RateLimits {
    @Test
    void retryAfterIsWaitedOutEvenForACreation() throws Exception {
      github.failNext(Fault.status(429, Map.of("Retry-After", "7"), "{\"message\":\"slow down\"}"));
      IssueComment c = client.create(REPO, 3, MARKER + "\nhello");
      assertThat(c.body()).endsWith("hello");
      assertThat(waits).containsExactly(Duration.ofSeconds(7));
      assertThat(github.commentBodies(REPO, 3)).hasSize(1);
    }

    @Test
    void anExhaustedQuotaWaitsUntilItsReset() throws Exception {
      long reset = NOW.getEpochSecond() + 120;
      github.failNext(
          Fault.status(
              403,
              Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)),
              "{\"message\":\"API rate limit exceeded\"}"));
      client.comments(REPO, 1);
      assertThat(waits).containsExactly(Duration.ofSeconds(121));
    }

    @Test
    void aSecondaryLimitWithoutHeadersWaitsAMinute() throws Exception {
      github.failNext(
          Fault.status(
              403, Map.of(), "{\"message\":\"You have exceeded a secondary rate limit\"}"));
      client.comments(REPO, 1);
      assertThat(waits).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void aResetTooFarAwayFailsSayingWhen() {
      long reset = NOW.getEpochSecond() + 3600;
      github.failNext(
          Fault.status(
              403,
              Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)),
              "{}"));
      assertThatThrownBy(() -> client.comments(REPO, 1))
          .isInstanceOfSatisfying(
              GitHubException.class,
              e -> {
                assertThat(e.rateLimited()).isTrue();
                assertThat(e.retryAt()).isEqualTo(Instant.ofEpochSecond(reset + 1));
              });
      assertThat(waits).isEmpty();
    }

    @Test
    void aForbiddenTokenIsAnErrorNotAWait() {
      github.failNext(
          Fault.status(403, Map.of(), "{\"message\":\"Resource not accessible by integration\"}"));
      assertThatThrownBy(() -> client.create(REPO, 1, "x"))
          .isInstanceOfSatisfying(
              GitHubException.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.rateLimited()).isFalse();
                assertThat(e.getMessage()).contains("Resource not accessible");
              });
      assertThat(waits).isEmpty();
    }
  }

  @Nested
  class ServerErrors {
    @Test
    void aReadIsTriedAgainWithBackoff() throws Exception {
      github.failNext(Fault.status(502, Map.of(), "bad gateway"));
      github.failNext(Fault.status(500, Map.of(), "{}"));
      github.addComment(REPO, 2, "x");
      assertThat(client.comments(REPO, 2)).hasSize(1);
      assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aHangingServerTimesOutAndIsTriedAgain() throws Exception {
      github.failNext(Fault.hanging());
      assertThat(client.comments(REPO, 2)).isEmpty();
      assertThat(github.requests("GET")).hasSize(2);
    }

    @Test
    void aCreationIsNotRepeatedAfterA5xx() {
      github.failNext(Fault.status(500, Map.of(), "{}"));
      assertThatThrownBy(() -> client.create(REPO, 2, "x"))
          .isInstanceOfSatisfying(
              GitHubException.class, e -> assertThat(e.status()).isEqualTo(500));
      assertThat(github.requests("POST")).hasSize(1);
    }

    @Test
    void givesUpAfterTheLastTry() {
      for (int i = 0; i < 4; i++) {
        github.failNext(Fault.status(503, Map.of(), "{}"));
      }
      assertThatThrownBy(() -> client.comments(REPO, 2))
          .isInstanceOfSatisfying(
              GitHubException.class, e -> assertThat(e.status()).isEqualTo(503));
      assertThat(github.requests("GET")).hasSize(4);
    }
  }

  @Nested
  class OneCommentPerPr {
    private CommentPoster poster() {
      return new CommentPoster(client, MARKER);
    }

    @Test
    void createsTheFirstAndEditsItAfterwards() throws Exception {
      CommentPoster.Posted first = poster().post(REPO, 7, MARKER + "\none builder", null);
      CommentPoster.Posted second =
          poster().post(REPO, 7, MARKER + "\ntwo builders", first.comment().id());
      assertThat(first.action()).isEqualTo(CommentPoster.Action.CREATED);
      assertThat(second.action()).isEqualTo(CommentPoster.Action.UPDATED);
      assertThat(github.commentBodies(REPO, 7)).containsExactly(MARKER + "\ntwo builders");
    }

    @Test
    void afterACrashTheMarkedCommentIsFoundNotDuplicated() throws Exception {
      github.pageSize(1);
      github.addComment(REPO, 7, "LGTM, merging");
      github.addComment(REPO, 7, MARKER + "\nposted before the crash");
      CommentPoster.Posted p = poster().post(REPO, 7, MARKER + "\nafter the restart", null);
      assertThat(p.action()).isEqualTo(CommentPoster.Action.UPDATED);
      assertThat(github.commentBodies(REPO, 7))
          .containsExactly("LGTM, merging", MARKER + "\nafter the restart");
      assertThat(github.requests("POST")).isEmpty();
    }

    @Test
    void theSameTextIsNotEditedAgain() throws Exception {
      github.addComment(REPO, 7, MARKER + "\nsame");
      assertThat(poster().post(REPO, 7, MARKER + "\nsame", null).action())
          .isEqualTo(CommentPoster.Action.UNCHANGED);
      assertThat(github.requests("PATCH")).isEmpty();
    }

    @Test
    void aDeletedCommentIsWrittenAgain() throws Exception {
      assertThat(poster().post(REPO, 7, MARKER + "\nagain", 999_999L).action())
          .isEqualTo(CommentPoster.Action.CREATED);
      assertThat(github.commentBodies(REPO, 7)).containsExactly(MARKER + "\nagain");
    }
  }
}
