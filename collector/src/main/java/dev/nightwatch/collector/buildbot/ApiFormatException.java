package dev.nightwatch.collector.buildbot;

/** A Buildbot answer that is not the JSON it should be: malformed, or without its collection. */
public final class ApiFormatException extends Exception {
  public ApiFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
