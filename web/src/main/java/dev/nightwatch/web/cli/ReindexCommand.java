package dev.nightwatch.web.cli;

import dev.nightwatch.analyzer.dedup.FailureIndex;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchConfiguration;
import dev.nightwatch.web.ingest.FailureIndexer;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code reindex [--recluster] [config.yml]}: rebuilds the failure index from the database (the
 * source of truth); with {@code --recluster}, places every failure in a cluster again as well.
 * Triagers' rules live in the database and survive both.
 */
public final class ReindexCommand extends NightwatchCommand {
  private final PrintStream out;

  public ReindexCommand() {
    this(System.out);
  }

  public ReindexCommand(PrintStream out) {
    super("reindex", "Rebuild the failure index from the database", false);
    this.out = out;
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser
        .addArgument("--recluster")
        .action(Arguments.storeTrue())
        .help("also place every failure in a cluster again (kept: cluster ids and triage rules)");
  }

  @Override
  protected void run(
      Bootstrap<NightwatchConfiguration> bootstrap,
      Namespace namespace,
      NightwatchConfiguration configuration)
      throws Exception {
    Database database = configuration.getStore().build();
    FailureIndexer indexer;
    try {
      indexer =
          configuration
              .getClustering()
              .open(database.jdbi(), configuration.getStore().getDataDir());
    } catch (FailureIndex.BusyException e) {
      throw new CommandFailedException(
          e.getMessage()
              + ": stop it first, or ask it on its admin port (POST /tasks/index-rebuild or"
              + " /tasks/index-recluster)");
    }
    try (indexer) {
      long started = System.nanoTime();
      long failures = namespace.getBoolean("recluster") ? indexer.recluster() : indexer.rebuild();
      out.printf(
          "%s %d failures in %.1f s (index: %s)%n",
          namespace.getBoolean("recluster") ? "re-clustered" : "indexed",
          failures,
          (System.nanoTime() - started) / 1e9,
          indexer.index().directory());
    }
  }
}
