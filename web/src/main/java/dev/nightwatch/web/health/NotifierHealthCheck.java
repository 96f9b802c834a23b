package dev.nightwatch.web.health;

import com.codahale.metrics.health.HealthCheck;
import dev.nightwatch.web.managed.NotifyService;

/** Healthy while the notifier's last round went well; says what it last did or why it failed. */
public final class NotifierHealthCheck extends HealthCheck {
  private final NotifyService notify;

  public NotifierHealthCheck(NotifyService notify) {
    this.notify = notify;
  }

  @Override
  protected Result check() {
    return notify.isHealthy() ? Result.healthy(notify.state()) : Result.unhealthy(notify.state());
  }
}
