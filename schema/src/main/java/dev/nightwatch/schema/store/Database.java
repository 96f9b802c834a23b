package dev.nightwatch.schema.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in the data directory, opened in WAL mode with foreign keys
 * on, a busy timeout, and write transactions that take the write lock up front.
 */
public final class Database {
  /** The database file's name inside the data directory. */
  public static final String FILE_NAME = "nightwatch.db";

  private final Path file;
  private final DataSource dataSource;
  private final Jdbi jdbi;

  private Database(Path file, DataSource dataSource) {
    this.file = file;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
  }

  /** Opens (creating if needed) the database in {@code dataDir}; call {@link #migrate()} next. */
  public static Database open(Path dataDir, Duration busyTimeout) throws IOException {
    requireNonNull(busyTimeout, "busyTimeout");
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    // BEGIN IMMEDIATE: a read-then-write transaction never fails on a lock upgrade mid-way.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    return new Database(file, dataSource);
  }

  /** Applies the pending Flyway migrations and returns how many ran. */
  public int migrate() {
    MigrateResult result =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .load()
            .migrate();
    return result.migrationsExecuted;
  }

  /** The JDBI entry point, with the SqlObject plugin installed. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** True when a trivial query answers; never throws. */
  public boolean isReachable() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
