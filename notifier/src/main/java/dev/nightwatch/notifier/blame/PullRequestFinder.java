package dev.nightwatch.notifier.blame;

import dev.nightwatch.notifier.github.GitHubClient;
import dev.nightwatch.notifier.github.PullRequest;
import dev.nightwatch.schema.model.Change;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the GitHub PR a suspect commit came from: the repository (configured, else the change's or
 * the build's repository URL), the PR named in the commit message, else the merged PR GitHub lists
 * for the commit — or says why there is none.
 */
public final class PullRequestFinder {
  // "https://github.com/python/cpython.git", "git@github.com:python/cpython", "python/cpython"
  private static final Pattern REPOSITORY =
      Pattern.compile("([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\\.git)?/*$");

  /** A PR found for a commit, and how it was found. */
  public record Found(String repository, int pr, Change change, String how) {}

  /** The PR, or the reason there is none. */
  public record Result(Optional<Found> found, String missing) {}

  private final PullRequestRefs refs;
  private final GitHubClient github;
  private final String repository;

  /**
   * @param github null when there is no token: PRs come from commit messages only
   * @param repository {@code owner/name} for every commit, or null
   */
  public PullRequestFinder(PullRequestRefs refs, GitHubClient github, String repository) {
    this.refs = refs;
    this.github = github;
    this.repository = repository;
  }

  /** The commit's PR; {@code buildRepository} is the build's repository URL, or null. */
  public Result find(Change change, String buildRepository)
      throws IOException, InterruptedException {
    String sha = Change.shortRevision(change.revision());
    Optional<String> repo = repository(repository, change.repository(), buildRepository);
    if (repo.isEmpty()) {
      return missing(sha + ": no GitHub repository known (notifier.github.repository)");
    }
    OptionalInt pr = refs.find(change.message());
    if (pr.isPresent()) {
      return found(repo.get(), pr.getAsInt(), change, "named in the commit message");
    }
    if (github == null) {
      return missing(sha + ": no PR named in its message (GitHub not asked: no token)");
    }
    pr = pullOf(repo.get(), change.revision());
    if (pr.isPresent()) {
      return found(repo.get(), pr.getAsInt(), change, "found by GitHub");
    }
    return missing(sha + ": no PR named in its message, and GitHub knows none");
  }

  private static Result found(String repo, int pr, Change change, String how) {
    return new Result(Optional.of(new Found(repo, pr, change, how)), null);
  }

  private static Result missing(String why) {
    return new Result(Optional.empty(), why);
  }

  /** The merged PR GitHub says the commit came from: the one whose merge commit it is, else any. */
  private OptionalInt pullOf(String repo, String sha) throws IOException, InterruptedException {
    if (!sha.matches("[0-9a-fA-F]{7,64}")) {
      return OptionalInt.empty();
    }
    List<PullRequest> merged =
        github.pullsOf(repo, sha).stream().filter(p -> p.mergedAt() != null).toList();
    return merged.stream()
        .filter(p -> sha.equalsIgnoreCase(p.mergeCommitSha()))
        .findFirst()
        .or(() -> merged.stream().findFirst())
        .map(p -> OptionalInt.of(p.number()))
        .orElse(OptionalInt.empty());
  }

  /** The first candidate that names an {@code owner/name} repository. */
  static Optional<String> repository(String... candidates) {
    for (String candidate : candidates) {
      if (candidate == null || candidate.isBlank()) {
        continue;
      }
      Matcher m = REPOSITORY.matcher(candidate.strip());
      if (m.find()) {
        String repo = m.group(1) + "/" + m.group(2);
        if (GitHubClient.isRepository(repo)) {
          return Optional.of(repo);
        }
      }
    }
    return Optional.empty();
  }
}
