package dev.nightwatch.collector.mail;

/** A mail that is from Buildbot but does not say enough to store a build (kept with this). */
public final class MailParseException extends Exception {
  public MailParseException(String message) {
    super(message);
  }
}
