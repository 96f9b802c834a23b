package dev.nightwatch.schema.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base for tests on a migrated SQLite file in a temporary data directory. */
public abstract class StoreTest {
  @TempDir protected Path dataDir;
  protected Database database;

  @BeforeEach
  void openDatabase() throws IOException {
    database = Database.open(dataDir, Duration.ofSeconds(5));
    database.migrate();
  }
}
