package dev.nightwatch.web.cli;

/** Ends a command with a non-zero exit status and a message, without a stack trace. */
public final class CommandFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public CommandFailedException(String message) {
    super(message);
  }
}
