package dev.nightwatch.web.cli;

import io.dropwizard.core.cli.Cli;
import java.net.BindException;

/** Prints a command's failure: an expected one as its message, anything else in full. */
final class CommandErrors {
  private CommandErrors() {}

  static void print(Cli cli, Throwable e) {
    if (e instanceof CommandFailedException) {
      cli.getStdErr().println(e.getMessage());
      return;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || String.valueOf(t.getMessage()).startsWith("Failed to bind")) {
        cli.getStdErr()
            .println(
                "nightwatch: cannot listen: "
                    + t.getMessage()
                    + ". Is another Nightwatch running? Stop it, or choose other ports in a"
                    + " configuration file (server.applicationConnectors, server.adminConnectors).");
        return;
      }
    }
    cli.getStdErr().println("nightwatch: " + e);
    e.printStackTrace(cli.getStdErr());
  }
}
