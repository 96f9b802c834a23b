package dev.nightwatch.web.cli;

import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchConfiguration;
import dev.nightwatch.web.ingest.TestHistoryWriter;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code rebuild-history [config.yml]}: derives the test history (build loads, per-day aggregates,
 * series) from the stored outcomes again, for a database upgraded from before they existed.
 */
public final class RebuildHistoryCommand extends NightwatchCommand {
  private final PrintStream out;

  public RebuildHistoryCommand() {
    this(System.out);
  }

  public RebuildHistoryCommand(PrintStream out) {
    super(
        "rebuild-history", "Derive test history (aggregates, series) from stored outcomes", false);
    this.out = out;
  }

  @Override
  protected void run(
      Bootstrap<NightwatchConfiguration> bootstrap,
      Namespace namespace,
      NightwatchConfiguration configuration)
      throws Exception {
    Database database = configuration.getStore().build();
    long started = System.nanoTime();
    long builds = TestHistoryWriter.defaults().rebuild(database.jdbi());
    out.printf(
        "replayed the test outcomes of %d builds in %.1f s%n",
        builds, (System.nanoTime() - started) / 1e9);
  }
}
