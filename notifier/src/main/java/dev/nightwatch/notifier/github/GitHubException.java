package dev.nightwatch.notifier.github;

import java.io.IOException;
import java.time.Instant;

/**
 * A GitHub request that did not succeed: the HTTP status (0 when no answer came), and for a rate
 * limit the time GitHub said to wait for, so the caller can try again then.
 */
public final class GitHubException extends IOException {
  private final int status;
  private final Instant retryAt;

  public GitHubException(String message, int status, Instant retryAt, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAt = retryAt;
  }

  public int status() {
    return status;
  }

  /** When GitHub allows the next request, for a rate limit; null otherwise. */
  public Instant retryAt() {
    return retryAt;
  }

  public boolean rateLimited() {
    return retryAt != null;
  }
}
