package dev.nightwatch.web.cli;

import io.dropwizard.core.cli.Cli;

/** Prints a command's failure: an expected one as its message, anything else in full. */
final class CommandErrors {
  private CommandErrors() {}

  static void print(Cli cli, Throwable e) {
    if (e instanceof CommandFailedException) {
      cli.getStdErr().println(e.getMessage());
    } else {
      cli.getStdErr().println("nightwatch: " + e);
      e.printStackTrace(cli.getStdErr());
    }
  }
}
