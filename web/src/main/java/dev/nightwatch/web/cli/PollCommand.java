package dev.nightwatch.web.cli;

import dev.nightwatch.collector.buildbot.BuildbotHttp;
import dev.nightwatch.collector.buildbot.MasterPoller;
import dev.nightwatch.collector.mail.ImapPoller;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchConfiguration;
import dev.nightwatch.web.ingest.FailureIndexer;
import dev.nightwatch.web.ingest.MailIngest;
import dev.nightwatch.web.ingest.Pollers;
import dev.nightwatch.web.ingest.Store;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code poll [config.yml]}: one pass over every configured Buildbot master, storing the builds
 * that finished since the last pass; exits non-zero when a master could not be read to the end.
 */
public final class PollCommand extends NightwatchCommand {
  private final PrintStream out;

  public PollCommand() {
    this(System.out);
  }

  public PollCommand(PrintStream out) {
    super(
        "poll",
        "Fetch the builds that finished since the last pass from every Buildbot master, and"
            + " read the IMAP mailbox",
        false);
    this.out = out;
  }

  @Override
  protected void run(
      Bootstrap<NightwatchConfiguration> bootstrap,
      Namespace namespace,
      NightwatchConfiguration configuration)
      throws Exception {
    if (configuration.getBuildbot().getMasters().isEmpty()
        && configuration.getMail().getImap().isEmpty()) {
      throw new CommandFailedException(
          "nothing to poll: configure buildbot.masters or mail.imap in the configuration file");
    }
    Database database = configuration.getStore().build();
    FailureIndexer indexer = ImportLogsCommand.openIndex(configuration, database, out);
    Clock clock = Clock.systemUTC();
    Store store =
        indexer == null ? Store.over(database, clock) : Store.over(database, clock, indexer);
    int failed = 0;
    try (Pollers pollers = new Pollers(configuration, store, BuildbotHttp.Sleeper.REAL, clock)) {
      for (MasterPoller poller : pollers.all()) {
        MasterPoller.Report report = poller.pollOnce();
        for (MasterPoller.BuildOutcome b : report.builds()) {
          if (b.outcome() != MasterPoller.Outcome.ALREADY_STORED) {
            out.printf(
                "%-10s %s #%d (build %d)%s%n",
                b.outcome().name().toLowerCase(java.util.Locale.ROOT),
                b.builder(),
                b.number(),
                b.buildid(),
                b.error() == null ? "" : ": " + b.error());
          }
        }
        out.println(report.summary());
        failed += report.failed() ? 1 : 0;
      }
      if (configuration.getMail().getImap().isPresent()) {
        MailIngest mail =
            new MailIngest(database.jdbi(), store.ingest(), configuration.getBuildbot(), clock);
        ImapPoller.Report imap =
            configuration
                .getMail()
                .getImap()
                .get()
                .poller()
                .pollOnce((origin, raw) -> mail.accept(origin, raw));
        out.printf(
            "mail: %d messages read, %d left unseen after an error%s%n",
            imap.read(), imap.failed(), imap.error() == null ? "" : "; stopped: " + imap.error());
        failed += imap.error() != null ? 1 : 0;
      }
    } finally {
      if (indexer != null) {
        indexer.close();
      }
    }
    if (failed > 0) {
      throw new CommandFailedException(failed + " source(s) could not be read to the end");
    }
  }
}
