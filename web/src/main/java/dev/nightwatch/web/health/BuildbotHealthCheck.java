package dev.nightwatch.web.health;

import com.codahale.metrics.health.HealthCheck;
import dev.nightwatch.collector.buildbot.MasterPoller;
import dev.nightwatch.web.managed.PollService;
import java.util.Map;
import java.util.TreeMap;

/** Healthy while every master's last pass read it to the end; says each master's last pass. */
public final class BuildbotHealthCheck extends HealthCheck {
  private final PollService polls;

  public BuildbotHealthCheck(PollService polls) {
    this.polls = polls;
  }

  @Override
  protected Result check() {
    Map<String, MasterPoller.Report> last = new TreeMap<>(polls.lastReports());
    if (last.isEmpty()) {
      return Result.healthy("no pass has run yet (or no masters are configured)");
    }
    String summary =
        String.join("; ", last.values().stream().map(MasterPoller.Report::summary).toList());
    return last.values().stream().anyMatch(MasterPoller.Report::failed)
        ? Result.unhealthy(summary)
        : Result.healthy(summary);
  }
}
