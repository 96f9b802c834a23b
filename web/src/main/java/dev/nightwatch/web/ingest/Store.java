package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.schema.store.BuildWriter;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.schema.store.LogStore;
import java.time.Clock;

/** The opened store and the ingest pipeline over it, built once from the configuration. */
public record Store(Database database, LogStore logs, BuildIngest ingest) {

  /**
   * Wires the log store, build writer and analyzer over an opened, migrated database; failures wait
   * in the index queue for whichever process holds the index.
   */
  public static Store over(Database database, Clock clock) {
    return over(database, clock, BuildIngest.AfterCommit.NOTHING);
  }

  /** The same, clustering and indexing each build's failures as soon as it is stored. */
  public static Store over(Database database, Clock clock, FailureIndexer indexer) {
    return over(database, clock, () -> indexer.drain());
  }

  private static Store over(Database database, Clock clock, BuildIngest.AfterCommit after) {
    LogStore logs = new LogStore(database.jdbi());
    BuildWriter writer = new BuildWriter(database.jdbi(), logs, clock);
    return new Store(
        database,
        logs,
        new BuildIngest(
            writer,
            database.jdbi(),
            logs,
            new LogAnalyzer(),
            clock,
            after,
            TestHistoryWriter.defaults()));
  }
}
