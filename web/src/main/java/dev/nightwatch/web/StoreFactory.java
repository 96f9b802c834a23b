package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nightwatch.schema.store.Database;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.file.Path;

/** Where and how Nightwatch keeps its data: the embedded store under one data directory. */
public final class StoreFactory {
  @NotNull @JsonProperty private Path dataDir = Path.of("data");

  @NotNull @JsonProperty private Duration busyTimeout = Duration.seconds(10);

  @NotNull @JsonProperty private DataSize maxLogSize = DataSize.gibibytes(1);

  public Path getDataDir() {
    return dataDir;
  }

  public void setDataDir(Path dataDir) {
    this.dataDir = dataDir;
  }

  public DataSize getMaxLogSize() {
    return maxLogSize;
  }

  /** Opens the database in the data directory, leaving its schema as it is. */
  public Database open() throws IOException {
    return Database.open(dataDir, java.time.Duration.ofMillis(busyTimeout.toMilliseconds()));
  }

  /** Opens the database in the data directory and brings its schema up to date. */
  public Database build() throws IOException {
    Database database = open();
    database.migrate();
    return database;
  }
}
