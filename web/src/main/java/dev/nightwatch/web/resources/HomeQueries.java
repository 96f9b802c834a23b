package dev.nightwatch.web.resources;

import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** What the home page leads with: builders red now, new clusters, the last day's failures. */
public final class HomeQueries {
  private static final int SHOWN = 10;

  /** The summary, as of {@code since} (a day before now). */
  public record Summary(
      Instant since,
      List<Build> redNow,
      List<Cluster> newClusters,
      long failuresSince,
      List<FailureDocument> latestFailures) {}

  private final Jdbi jdbi;
  private final Clock clock;

  public HomeQueries(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public Summary summary() {
    Instant since = clock.instant().minus(Duration.ofDays(1));
    return jdbi.withHandle(
        h ->
            new Summary(
                since,
                h.attach(BuildDao.class).redNow(SHOWN * 5),
                h.attach(ClusterDao.class).firstSeenSince(since, SHOWN),
                h.attach(FailureDao.class).countSince(since),
                h.attach(FailureDao.class).since(since, SHOWN)));
  }
}
