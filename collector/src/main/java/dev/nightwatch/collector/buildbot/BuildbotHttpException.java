package dev.nightwatch.collector.buildbot;

import java.io.IOException;

/**
 * A request to a Buildbot master that did not get its answer: an HTTP error status, or (with status
 * 0) a timeout or a connection that failed. A 404 means the thing is gone; 5xx and status 0 are
 * worth retrying; other 4xx are the request's fault.
 */
public final class BuildbotHttpException extends IOException {
  private final int status;
  private final String url;

  public BuildbotHttpException(String url, int status, String message, Throwable cause) {
    super(url + ": " + message, cause);
    this.url = url;
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer came (timeout, refused connection). */
  public int status() {
    return status;
  }

  public String url() {
    return url;
  }

  public boolean notFound() {
    return status == 404;
  }

  /** True for answers a later try may not get: 5xx, 429, timeouts and broken connections. */
  public boolean retryable() {
    return status == 0 || status == 429 || status >= 500;
  }
}
