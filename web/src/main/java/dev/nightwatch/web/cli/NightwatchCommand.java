package dev.nightwatch.web.cli;

import dev.nightwatch.web.NightwatchConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * A command over Nightwatch's configuration: its errors are printed as one line ({@link
 * CommandErrors}); a command whose positional arguments are paths takes the configuration file as
 * {@code -c CONFIG} instead.
 */
abstract class NightwatchCommand extends ConfiguredCommand<NightwatchConfiguration> {
  private final boolean configOption;

  protected NightwatchCommand(String name, String description, boolean configOption) {
    super(name, description);
    this.configOption = configOption;
  }

  @Override
  protected Argument addFileArgument(Subparser subparser) {
    if (!configOption) {
      return super.addFileArgument(subparser);
    }
    return subparser
        .addArgument("-c", "--config")
        .dest("file")
        .metavar("CONFIG")
        .help("application configuration file (default: the embedded store under ./data)");
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.print(cli, e);
  }
}
