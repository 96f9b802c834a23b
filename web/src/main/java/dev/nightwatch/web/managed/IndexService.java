package dev.nightwatch.web.managed;

import dev.nightwatch.analyzer.dedup.FailureIndex;
import dev.nightwatch.web.ingest.FailureIndexer;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's hold on the failure index: opens it (waiting while an {@code import-logs} run holds
 * it), reconciles it with the database, then drains the index queue on every tick, so failures that
 * other processes stored are clustered and searchable within a poll interval.
 */
public final class IndexService implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);

  /** Opens the indexer; may throw {@link FailureIndex.BusyException}. */
  @FunctionalInterface
  public interface Opener {
    FailureIndexer open() throws IOException;
  }

  private final Opener opener;
  private final long pollMillis;
  private ScheduledExecutorService executor;
  private volatile FailureIndexer indexer;
  private volatile String state = "not started";
  private volatile boolean healthy;

  public IndexService(Opener opener, long pollMillis) {
    this.opener = opener;
    this.pollMillis = pollMillis;
  }

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nightwatch-index");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::tick, 0, pollMillis, TimeUnit.MILLISECONDS);
  }

  /** One round: open and reconcile if not open yet, else drain the queue. Never throws. */
  public synchronized void pollOnce() {
    try {
      if (indexer == null) {
        try {
          indexer = opener.open();
        } catch (FailureIndex.BusyException e) {
          state = e.getMessage() + "; waiting for it";
          healthy = false;
          return;
        }
        FailureIndexer.Reconciliation r = indexer.reconcile();
        LOG.info("failure index open: {} ({} failures)", r.action(), r.failures());
      } else {
        indexer.drain();
      }
      state = "open, " + indexer.index().count() + " failures indexed";
      healthy = true;
    } catch (IOException | RuntimeException e) {
      state = "indexing failed: " + e;
      healthy = false;
      LOG.error("indexing failed; retrying next round", e);
    }
  }

  private void tick() {
    pollOnce();
  }

  /** The indexer, once open. */
  public Optional<FailureIndexer> indexer() {
    return Optional.ofNullable(indexer);
  }

  /** The indexer, opening it now if it is not open yet (a round of {@link #pollOnce}). */
  public Optional<FailureIndexer> openIndexer() {
    if (indexer == null) {
      pollOnce();
    }
    return indexer();
  }

  /** What the index is doing, in words. */
  public String state() {
    return state;
  }

  public boolean isHealthy() {
    return healthy;
  }

  @Override
  public void stop() throws Exception {
    if (executor != null) {
      // No interrupt: Lucene closes a writer whose thread is interrupted mid-write.
      executor.shutdown();
      executor.awaitTermination(1, TimeUnit.MINUTES);
    }
    synchronized (this) {
      if (indexer != null) {
        indexer.close();
        indexer = null;
      }
    }
  }
}
