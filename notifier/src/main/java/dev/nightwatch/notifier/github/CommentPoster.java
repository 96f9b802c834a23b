package dev.nightwatch.notifier.github;

import java.io.IOException;
import java.util.Optional;

/**
 * Keeps one comment per PR: edits the comment it knows, else the one that starts with the marker,
 * and creates one only when the PR has none — so a crash after a creation (or a creation whose
 * answer was lost) never leads to a second comment.
 */
public final class CommentPoster {
  /** What was done on GitHub. */
  public enum Action {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /** The comment as it now is, and what was done to it. */
  public record Posted(IssueComment comment, Action action) {}

  private final GitHubClient github;
  private final String marker;

  public CommentPoster(GitHubClient github, String marker) {
    this.github = github;
    this.marker = marker;
  }

  /**
   * Makes the PR's Nightwatch comment say {@code body} (which starts with the marker).
   *
   * @param knownId the comment's id as last stored, or null
   */
  public Posted post(String repository, int pr, String body, Long knownId)
      throws IOException, InterruptedException {
    if (!body.startsWith(marker)) {
      throw new IllegalArgumentException("the comment does not start with the marker");
    }
    if (knownId != null) {
      try {
        return update(repository, knownId, body, null);
      } catch (GitHubException e) {
        if (e.status() != 404) {
          throw e;
        }
        // Deleted by someone: look for another marked comment, else start again.
      }
    }
    Optional<IssueComment> marked =
        github.comments(repository, pr).stream()
            .filter(c -> c.body() != null && c.body().startsWith(marker))
            .findFirst();
    if (marked.isPresent()) {
      return update(repository, marked.get().id(), body, marked.get());
    }
    return new Posted(github.create(repository, pr, body), Action.CREATED);
  }

  private Posted update(String repository, long id, String body, IssueComment current)
      throws IOException, InterruptedException {
    if (current != null && body.equals(current.body())) {
      return new Posted(current, Action.UNCHANGED);
    }
    return new Posted(github.update(repository, id, body), Action.UPDATED);
  }
}
