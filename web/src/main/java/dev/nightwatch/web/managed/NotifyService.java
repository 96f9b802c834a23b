package dev.nightwatch.web.managed;

import dev.nightwatch.notifier.github.GitHubException;
import dev.nightwatch.web.ingest.BuildNotifier;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the notifier on a thread of its own every poll interval, so a build's decision follows
 * within seconds of its failures being clustered. After a GitHub error it waits (doubling up to ten
 * minutes, or until a rate limit's reset) before asking GitHub again.
 */
public final class NotifyService implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(NotifyService.class);
  private static final Duration MAX_PAUSE = Duration.ofMinutes(10);

  private final BuildNotifier notifier;
  private final long pollMillis;
  private final Clock clock;
  private ScheduledExecutorService executor;
  private Instant pausedUntil = Instant.MIN;
  private Duration pause = Duration.ZERO;
  private volatile String state = "no round yet";
  private volatile boolean healthy = true;

  public NotifyService(BuildNotifier notifier, long pollMillis, Clock clock) {
    this.notifier = notifier;
    this.pollMillis = pollMillis;
    this.clock = clock;
  }

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nightwatch-notify");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::pollOnce, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
  }

  /** One round, unless paused after a GitHub error. Never throws. */
  public void pollOnce() {
    if (clock.instant().isBefore(pausedUntil)) {
      return;
    }
    try {
      BuildNotifier.Round round = notifier.drain();
      pause = Duration.ZERO;
      healthy = true;
      state =
          "last round: %d decided, %d waiting for clustering"
              .formatted(round.decided(), round.waiting());
    } catch (GitHubException e) {
      pause = pause.isZero() ? Duration.ofSeconds(30) : min(pause.multipliedBy(2), MAX_PAUSE);
      pausedUntil = e.rateLimited() ? e.retryAt() : clock.instant().plus(pause);
      healthy = false;
      state = "GitHub failed: " + e.getMessage() + "; next try at " + pausedUntil;
      LOG.warn("notifier: {}", state);
    } catch (IOException | RuntimeException e) {
      healthy = false;
      state = "notifying failed: " + e;
      LOG.error("notifying failed; trying again next round", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public boolean isHealthy() {
    return healthy;
  }

  /** What the notifier last did, in words. */
  public String state() {
    return state;
  }

  @Override
  public void stop() throws Exception {
    if (executor != null) {
      executor.shutdownNow();
      executor.awaitTermination(1, TimeUnit.MINUTES);
    }
  }
}
