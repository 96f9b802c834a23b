package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.schema.store.BuildWriter;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.schema.store.LogStore;
import java.time.Clock;

/** The opened store and the ingest pipeline over it, built once from the configuration. */
public record Store(Database database, LogStore logs, BuildIngest ingest) {

  /** Wires the log store, build writer and analyzer over an opened, migrated database. */
  public static Store over(Database database, Clock clock) {
    LogStore logs = new LogStore(database.jdbi());
    BuildWriter writer = new BuildWriter(database.jdbi(), logs, clock);
    return new Store(database, logs, new BuildIngest(writer, new LogAnalyzer(), clock));
  }
}
