package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nightwatch.notifier.blame.BlamePolicy;
import dev.nightwatch.notifier.blame.BuilderFilter;
import dev.nightwatch.notifier.blame.PullRequestRefs;
import dev.nightwatch.notifier.github.GitHubClient;
import dev.nightwatch.web.ingest.BlameFacts;
import dev.nightwatch.web.ingest.BuildNotifier;
import dev.nightwatch.web.ingest.Explanations;
import dev.nightwatch.web.ingest.ServerLinks;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The notifier: whether it posts to GitHub or only stores what it would post (the default, and the
 * demo's), which builders may blame a PR, how many new commits a blamed build may have, which PR
 * reference in a commit message wins, how old a build may be and still be commented on, and where
 * Nightwatch's pages are for the comment's links. {@code github.token} comes from the environment
 * ({@code ${GITHUB_TOKEN}}).
 */
public final class NotifierFactory {
  @NotNull @JsonProperty private BuildNotifier.Mode mode = BuildNotifier.Mode.DRY_RUN;

  @NotNull @JsonProperty private Duration pollInterval = Duration.seconds(2);

  @NotNull @JsonProperty private Duration maxAge = Duration.days(2);

  /** Builder names or globs ({@code "AMD64 *"}) that may blame: the stable builders. */
  @NotNull @JsonProperty private List<String> blameBuilders = List.of("*");

  @Min(1)
  @JsonProperty
  private int maxCommits = 1;

  @NotNull @JsonProperty private PullRequestRefs.Pick prReference = PullRequestRefs.Pick.LAST;

  @NotNull @JsonProperty private URI publicUrl = URI.create("http://127.0.0.1:8080/");

  @Valid @NotNull @JsonProperty private GitHub github = new GitHub();

  /** GitHub's REST API: base URL (Enterprise: {@code https://HOST/api/v3}), token, repository. */
  public static final class GitHub {
    @NotNull @JsonProperty private URI baseUrl = URI.create("https://api.github.com");

    /** Unset: the {@code GITHUB_TOKEN} environment variable, if set. */
    @JsonProperty private String token;

    /** {@code owner/name} for every build; unset, each change's or build's repository URL. */
    @JsonProperty private String repository;

    @NotNull @JsonProperty private Duration timeout = Duration.seconds(30);

    @Min(1)
    @JsonProperty
    private int attempts = 4;

    /** The longest rate-limit wait sat out; a longer one defers the comment to a later round. */
    @NotNull @JsonProperty private Duration maxRateLimitWait = Duration.minutes(2);

    String token() {
      String t = token != null ? token : System.getenv("GITHUB_TOKEN");
      return t == null || t.isBlank() ? null : t;
    }

    boolean hasToken() {
      return token() != null;
    }
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public BuildNotifier.Mode getMode() {
    return mode;
  }

  public void setMaxAge(Duration maxAge) {
    this.maxAge = maxAge;
  }

  /**
   * The notifier over the store; posting without a token is a configuration error, said at start.
   */
  public BuildNotifier build(Jdbi jdbi, Explanations explanations, Clock clock) {
    if (mode == BuildNotifier.Mode.POST && !github.hasToken()) {
      throw new IllegalStateException(
          "notifier.mode is POST but there is no GitHub token: set GITHUB_TOKEN (or"
              + " notifier.github.token), or use mode DRY_RUN");
    }
    if (github.repository != null && !GitHubClient.isRepository(github.repository)) {
      throw new IllegalStateException(
          "notifier.github.repository must be owner/name: " + github.repository);
    }
    GitHubClient client =
        github.hasToken()
            ? new GitHubClient(
                new GitHubClient.Settings(
                    github.baseUrl,
                    github.token(),
                    java.time.Duration.ofMillis(github.timeout.toMilliseconds()),
                    github.attempts,
                    java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofMillis(github.maxRateLimitWait.toMilliseconds())),
                HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofMillis(github.timeout.toMilliseconds()))
                    .build(),
                GitHubClient.Sleeper.REAL,
                clock)
            : null;
    return new BuildNotifier(
        jdbi,
        new BlameFacts(jdbi, explanations),
        new BlamePolicy(new BuilderFilter(blameBuilders), maxCommits),
        new PullRequestRefs(prReference),
        client,
        new BuildNotifier.Settings(
            mode,
            java.time.Duration.ofMillis(maxAge.toMilliseconds()),
            github.repository,
            new ServerLinks(publicUrl)),
        clock);
  }
}
