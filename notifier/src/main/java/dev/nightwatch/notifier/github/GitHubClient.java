package dev.nightwatch.notifier.github;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few GitHub REST v3 calls the notifier makes, with the JDK's HttpClient: list, create and edit
 * a PR's comments, and find the PRs of a commit. Every request has a timeout. Rate limits (403 or
 * 429) are honoured as GitHub documents: wait {@code Retry-After} seconds, or until {@code
 * X-RateLimit-Reset} when {@code X-RateLimit-Remaining} is 0, or else a minute — unless that is
 * longer than {@code maxWait}, when the call fails saying when to try again. 5xx answers and
 * timeouts are tried again with exponential backoff, except a comment's creation, which may have
 * happened: its caller looks for the comment before creating it again.
 */
public final class GitHubClient {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
  private static final int MAX_PAGES = 50;

  /** Waits between tries; tests pass one that records the waits instead. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * Where and how: the API's base URL ({@code https://api.github.com}, or an Enterprise server's
   * {@code https://HOST/api/v3}), the token, each request's timeout, tries per call, the first
   * backoff, and the longest rate-limit wait to sit out.
   */
  public record Settings(
      URI baseUrl,
      String token,
      Duration timeout,
      int attempts,
      Duration firstBackoff,
      Duration maxWait) {
    public Settings {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
      }
    }
  }

  private final Settings settings;
  private final String base;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final Clock clock;

  public GitHubClient(Settings settings, HttpClient http, Sleeper sleeper, Clock clock) {
    this.settings = settings;
    String url = settings.baseUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.http = http;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** Every comment on the PR (issue comments), oldest first, following GitHub's pages. */
  public List<IssueComment> comments(String repository, int pr)
      throws IOException, InterruptedException {
    requireRepository(repository);
    List<IssueComment> all = new ArrayList<>();
    URI next = uri("/repos/" + repository + "/issues/" + pr + "/comments?per_page=100");
    for (int page = 0; next != null && page < MAX_PAGES; page++) {
      HttpResponse<String> r = send("GET", next, null);
      all.addAll(JSON.readValue(r.body(), new TypeReference<List<IssueComment>>() {}));
      next = r.headers().firstValue("Link").flatMap(GitHubClient::nextPage).orElse(null);
    }
    return all;
  }

  public IssueComment create(String repository, int pr, String body)
      throws IOException, InterruptedException {
    requireRepository(repository);
    URI uri = uri("/repos/" + repository + "/issues/" + pr + "/comments");
    return JSON.readValue(send("POST", uri, body).body(), IssueComment.class);
  }

  public IssueComment update(String repository, long commentId, String body)
      throws IOException, InterruptedException {
    requireRepository(repository);
    URI uri = uri("/repos/" + repository + "/issues/comments/" + commentId);
    return JSON.readValue(send("PATCH", uri, body).body(), IssueComment.class);
  }

  /** The pull requests that contain the commit (for a merged one, the PR that merged it). */
  public List<PullRequest> pullsOf(String repository, String sha)
      throws IOException, InterruptedException {
    requireRepository(repository);
    if (!sha.matches("[0-9a-fA-F]{7,64}")) {
      throw new IllegalArgumentException("not a commit hash: " + sha);
    }
    URI uri = uri("/repos/" + repository + "/commits/" + sha + "/pulls");
    return JSON.readValue(send("GET", uri, null).body(), new TypeReference<>() {});
  }

  /** {@code owner/name}, as GitHub spells repositories; anything else would change the path. */
  public static boolean isRepository(String repository) {
    return repository != null && repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static void requireRepository(String repository) {
    if (!isRepository(repository)) {
      throw new IllegalArgumentException("not an owner/name repository: " + repository);
    }
  }

  static Optional<URI> nextPage(String link) {
    Matcher m = NEXT.matcher(link);
    return m.find() ? Optional.of(URI.create(m.group(1))) : Optional.empty();
  }

  private HttpResponse<String> send(String method, URI uri, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "nightwatch");
    if (settings.token() != null && !settings.token().isBlank()) {
      builder.header("Authorization", "Bearer " + settings.token());
    }
    HttpRequest request =
        body == null
            ? builder.method(method, HttpRequest.BodyPublishers.noBody()).build()
            : builder
                .header("Content-Type", "application/json")
                .method(
                    method,
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("body", body))))
                .build();
    boolean idempotent = !method.equals("POST");
    String what = method + " " + uri.getPath();
    for (int attempt = 1; ; attempt++) {
      GitHubException failure;
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        if (status / 100 == 2) {
          return r;
        }
        Optional<Duration> limited = rateLimitWait(r);
        if (limited.isPresent()) {
          Duration wait = limited.get();
          Instant at = clock.instant().plus(wait);
          if (wait.compareTo(settings.maxWait()) > 0 || attempt >= settings.attempts()) {
            throw new GitHubException(
                what + ": rate limited (HTTP " + status + ") until " + at, status, at, null);
          }
          // GitHub did not act on a rate-limited request, so even a POST is safe to repeat.
          LOG.warn("{}: rate limited (HTTP {}); waiting {} s", what, status, wait.toSeconds());
          sleeper.sleep(wait);
          continue;
        }
        failure =
            new GitHubException(what + ": HTTP " + status + " " + message(r), status, null, null);
        if (status < 500) {
          throw failure;
        }
      } catch (HttpTimeoutException e) {
        failure =
            new GitHubException(
                what + ": no answer within " + settings.timeout().toMillis() + " ms", 0, null, e);
      } catch (IOException e) {
        if (e instanceof GitHubException g) {
          throw g;
        }
        failure = new GitHubException(what + ": request failed: " + e, 0, null, e);
      }
      if (!idempotent || attempt >= settings.attempts()) {
        throw failure;
      }
      long millis = settings.firstBackoff().toMillis() << Math.min(attempt - 1, 16);
      sleeper.sleep(Duration.ofMillis(millis));
    }
  }

  /**
   * How long a 403 or 429 asks to wait, or empty when it is not a rate limit (a 403 for a token
   * without the right permission is an error to report, not to wait out).
   */
  Optional<Duration> rateLimitWait(HttpResponse<String> r) {
    int status = r.statusCode();
    if (status != 403 && status != 429) {
      return Optional.empty();
    }
    Optional<String> retryAfter = r.headers().firstValue("Retry-After");
    if (retryAfter.isPresent()) {
      try {
        return Optional.of(
            Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.get().strip()))));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofMinutes(1));
      }
    }
    if (r.headers().firstValue("X-RateLimit-Remaining").map("0"::equals).orElse(false)) {
      long reset =
          r.headers()
              .firstValue("X-RateLimit-Reset")
              .map(String::strip)
              .filter(v -> v.matches("\\d+"))
              .map(Long::parseLong)
              .orElse(clock.instant().getEpochSecond() + 60);
      long seconds = Math.max(1, reset - clock.instant().getEpochSecond() + 1);
      return Optional.of(Duration.ofSeconds(seconds));
    }
    if (status == 429 || r.body().toLowerCase(java.util.Locale.ROOT).contains("rate limit")) {
      return Optional.of(Duration.ofMinutes(1));
    }
    return Optional.empty();
  }

  private static String message(HttpResponse<String> r) {
    try {
      String said = JSON.readTree(r.body()).path("message").asText("");
      return said.isEmpty() ? "" : "(" + said + ")";
    } catch (IOException e) {
      return "";
    }
  }
}
