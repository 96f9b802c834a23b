package dev.nightwatch.web.cli;

import dev.nightwatch.collector.files.LogFileReader;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchConfiguration;
import dev.nightwatch.web.ingest.LogImport;
import dev.nightwatch.web.ingest.Store;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code import-logs PATH...}: stores buildbot stdio log files (or directories of them), one build
 * per file, and exits non-zero when any file could not be imported.
 */
public final class ImportLogsCommand extends ConfiguredCommand<NightwatchConfiguration> {
  private final PrintStream out;
  private final PrintStream err;

  public ImportLogsCommand() {
    this(System.out, System.err);
  }

  /** A command that reports to the given streams instead of the process's. */
  public ImportLogsCommand(PrintStream out, PrintStream err) {
    super("import-logs", "Import buildbot stdio log files, or directories of them");
    this.out = out;
    this.err = err;
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("paths")
        .metavar("PATH")
        .nargs("+")
        .help("log files or directories; a sidecar NAME.log.json or NAME.json gives metadata");
  }

  /** The configuration file is an option here, since the paths are the positional arguments. */
  @Override
  protected Argument addFileArgument(Subparser subparser) {
    return subparser
        .addArgument("-c", "--config")
        .dest("file")
        .metavar("CONFIG")
        .help("application configuration file (default: the embedded store under ./data)");
  }

  @Override
  protected void run(
      Bootstrap<NightwatchConfiguration> bootstrap,
      Namespace namespace,
      NightwatchConfiguration configuration)
      throws Exception {
    List<Path> paths = namespace.<String>getList("paths").stream().map(Path::of).toList();
    Database database = configuration.getStore().build();
    LogImport.Report report = importLogs(configuration, database, paths, out, err);
    if (report.failures() > 0) {
      throw new CommandFailedException(
          "%d of %d files could not be imported"
              .formatted(report.failures(), report.files().size()));
    }
  }

  /** Imports the paths into the store, printing a line per file and a summary. */
  static LogImport.Report importLogs(
      NightwatchConfiguration configuration,
      Database database,
      List<Path> paths,
      PrintStream out,
      PrintStream err) {
    Store store = Store.over(database, Clock.systemUTC());
    LogImport logImport =
        new LogImport(
            new LogFileReader(configuration.getStore().getMaxLogSize().toBytes()), store.ingest());
    LogImport.Report report =
        logImport.run(paths, result -> (result.failed() ? err : out).println(result));
    out.println(report.summary() + " (store: " + database.file() + ")");
    return report;
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.print(cli, e);
  }
}
