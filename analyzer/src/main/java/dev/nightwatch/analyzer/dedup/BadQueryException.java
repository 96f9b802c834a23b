package dev.nightwatch.analyzer.dedup;

/**
 * A search query that cannot be parsed; the message is the parser's, for the person who typed it.
 */
public final class BadQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
