package dev.nightwatch.web.managed;

import dev.nightwatch.collector.buildbot.MasterPoller;
import dev.nightwatch.web.ingest.Pollers;
import io.dropwizard.lifecycle.Managed;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's schedule of Buildbot passes: each master is polled at its own interval, one pass at
 * a time, on a thread of its own, so a slow master does not hold up the others. The last report of
 * each master is kept for the health check.
 */
public final class PollService implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(PollService.class);

  private final Pollers pollers;
  private final ToLongFunction<String> intervalMillis;
  private final Map<String, MasterPoller.Report> last = new ConcurrentHashMap<>();
  private ScheduledExecutorService executor;

  public PollService(Pollers pollers, ToLongFunction<String> intervalMillis) {
    this.pollers = pollers;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void start() {
    if (pollers.isEmpty()) {
      return;
    }
    executor =
        Executors.newScheduledThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "nightwatch-poll");
              t.setDaemon(true);
              return t;
            });
    for (MasterPoller poller : pollers.all()) {
      executor.scheduleWithFixedDelay(
          () -> pass(poller),
          0,
          intervalMillis.applyAsLong(poller.master()),
          TimeUnit.MILLISECONDS);
    }
  }

  private void pass(MasterPoller poller) {
    try {
      MasterPoller.Report report = poller.pollOnce();
      last.put(poller.master(), report);
      if (report.failed()) {
        LOG.warn("{}", report.summary());
      } else if (report.builds().stream()
          .anyMatch(b -> b.outcome() != MasterPoller.Outcome.ALREADY_STORED)) {
        LOG.info("{}", report.summary());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; log and go on.
      LOG.error("polling {} failed", poller.master(), e);
    }
  }

  /** The last pass of each master that has had one. */
  public Map<String, MasterPoller.Report> lastReports() {
    return Map.copyOf(last);
  }

  @Override
  public void stop() throws Exception {
    if (executor != null) {
      executor.shutdownNow();
      executor.awaitTermination(30, TimeUnit.SECONDS);
    }
    pollers.close();
  }
}
