package dev.nightwatch.web.health;

import com.codahale.metrics.health.HealthCheck;
import dev.nightwatch.web.managed.IndexService;

/** Healthy while the server holds the failure index and its last round went well. */
public final class IndexHealthCheck extends HealthCheck {
  private final IndexService index;

  public IndexHealthCheck(IndexService index) {
    this.index = index;
  }

  @Override
  protected Result check() {
    return index.isHealthy() ? Result.healthy(index.state()) : Result.unhealthy(index.state());
  }
}
