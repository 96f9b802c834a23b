package dev.nightwatch.web.managed;

import dev.nightwatch.collector.mail.ImapPoller;
import dev.nightwatch.web.ingest.MailIngest;
import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's reading of the IMAP mailbox, at its interval, on a thread of its own. */
public final class ImapService implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ImapService.class);

  private final ImapPoller poller;
  private final MailIngest ingest;
  private final long intervalMillis;
  private ScheduledExecutorService executor;
  private volatile ImapPoller.Report last;

  public ImapService(ImapPoller poller, MailIngest ingest, long intervalMillis) {
    this.poller = poller;
    this.ingest = ingest;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nightwatch-imap");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::pass, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  private void pass() {
    try {
      last = poller.pollOnce((origin, raw) -> ingest.accept(origin, raw));
      if (last.error() != null) {
        LOG.warn("reading mail: {}", last.error());
      }
    } catch (RuntimeException e) {
      LOG.error("reading mail failed", e);
    }
  }

  /** The last pass, or null before the first. */
  public ImapPoller.Report last() {
    return last;
  }

  @Override
  public void stop() throws Exception {
    if (executor != null) {
      executor.shutdownNow();
      executor.awaitTermination(30, TimeUnit.SECONDS);
    }
  }
}
