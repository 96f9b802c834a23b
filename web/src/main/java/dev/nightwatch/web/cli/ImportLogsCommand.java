package dev.nightwatch.web.cli;

import dev.nightwatch.analyzer.dedup.FailureIndex;
import dev.nightwatch.collector.files.LogFileReader;
import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.IndexQueueDao;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchConfiguration;
import dev.nightwatch.web.ingest.FailureIndexer;
import dev.nightwatch.web.ingest.LogImport;
import dev.nightwatch.web.ingest.Store;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code import-logs PATH...}: stores buildbot stdio log files (or directories of them), one build
 * per file, and exits non-zero when any file could not be imported.
 */
public final class ImportLogsCommand extends NightwatchCommand {
  private final PrintStream out;
  private final PrintStream err;

  public ImportLogsCommand() {
    this(System.out, System.err);
  }

  /** A command that reports to the given streams instead of the process's. */
  public ImportLogsCommand(PrintStream out, PrintStream err) {
    super("import-logs", "Import buildbot stdio log files, or directories of them", true);
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
      PrintStream err)
      throws IOException {
    FailureIndexer indexer = openIndex(configuration, database, out);
    try {
      Store store =
          indexer == null
              ? Store.over(database, Clock.systemUTC())
              : Store.over(database, Clock.systemUTC(), indexer);
      LogImport logImport =
          new LogImport(
              new LogFileReader(configuration.getStore().getMaxLogSize().toBytes()),
              store.ingest());
      LogImport.Report report =
          logImport.run(
              paths,
              result -> {
                // A line per file as it is done, even when the output is a pipe.
                PrintStream to = result.failed() ? err : out;
                to.println(result);
                to.flush();
              });
      out.println(report.summary() + " (store: " + database.file() + ")");
      out.println(clusterSummary(database, indexer));
      return report;
    } finally {
      if (indexer != null) {
        indexer.close();
      }
    }
  }

  /**
   * The failure index, reconciled with the database; null when a running server holds it (the
   * server then clusters what this import stores, within its poll interval).
   */
  static FailureIndexer openIndex(
      NightwatchConfiguration configuration, Database database, PrintStream out)
      throws IOException {
    try {
      FailureIndexer indexer =
          configuration
              .getClustering()
              .open(database.jdbi(), configuration.getStore().getDataDir());
      indexer.reconcile();
      return indexer;
    } catch (FailureIndex.BusyException e) {
      out.println(e.getMessage() + ": it will cluster and index the failures stored now");
      return null;
    }
  }

  private static String clusterSummary(Database database, FailureIndexer indexer) {
    return database
        .jdbi()
        .withHandle(
            h -> {
              long failures = h.attach(FailureDao.class).count();
              long clusters = h.attach(ClusterDao.class).count();
              long queued = h.attach(IndexQueueDao.class).count();
              return "%d failures in %d clusters%s"
                  .formatted(
                      failures,
                      clusters,
                      queued == 0
                          ? ""
                          : "; %d waiting for %s"
                              .formatted(
                                  queued, indexer == null ? "the server's index" : "the index"));
            });
  }
}
