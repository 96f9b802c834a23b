package dev.nightwatch.web.ingest;

import dev.nightwatch.schema.store.BuildWriter;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.schema.store.LogStore;
import java.time.Clock;

/** The opened store and the writers over it, built once from the configuration. */
public record Store(Database database, LogStore logs, BuildWriter builds) {

  /** Wires the log store and build writer over an opened, migrated database. */
  public static Store over(Database database, Clock clock) {
    LogStore logs = new LogStore(database.jdbi());
    return new Store(database, logs, new BuildWriter(database.jdbi(), logs, clock));
  }
}
