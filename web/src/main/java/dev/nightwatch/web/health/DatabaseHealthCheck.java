package dev.nightwatch.web.health;

import com.codahale.metrics.health.HealthCheck;
import dev.nightwatch.schema.store.Database;

/** Healthy while the database answers a query. */
public final class DatabaseHealthCheck extends HealthCheck {
  private final Database database;

  public DatabaseHealthCheck(Database database) {
    this.database = database;
  }

  @Override
  protected Result check() {
    return database.isReachable()
        ? Result.healthy("%s answers", database.file())
        : Result.unhealthy("%s does not answer a query", database.file());
  }
}
