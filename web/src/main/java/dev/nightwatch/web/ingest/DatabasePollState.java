package dev.nightwatch.web.ingest;

import dev.nightwatch.collector.buildbot.FetchedBuild;
import dev.nightwatch.collector.buildbot.PollState;
import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.FetchSkipDao;
import dev.nightwatch.schema.dao.IngestCursorDao;
import dev.nightwatch.schema.dao.SourceDao;
import dev.nightwatch.schema.model.IngestCursor;
import dev.nightwatch.schema.model.SourceKind;
import java.time.Clock;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

/**
 * A Buildbot poller's state in the database (the ingest pipeline's side of {@link PollState}): the
 * cursor in {@code ingest_cursors}, skips in {@code fetch_skips}, and "stored" read from the builds
 * themselves, so it all survives a restart.
 */
public final class DatabasePollState implements PollState {
  /** The cursor's name under the master's source. */
  public static final String CURSOR = "builds.complete_at";

  private final Jdbi jdbi;
  private final Clock clock;

  public DatabasePollState(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public OptionalLong cursor(String master) {
    return jdbi.withHandle(
        h ->
            h.attach(SourceDao.class)
                .findByName(master)
                .flatMap(s -> h.attach(IngestCursorDao.class).find(s.id(), CURSOR))
                .map(c -> OptionalLong.of(Long.parseLong(c.value())))
                .orElse(OptionalLong.empty()));
  }

  @Override
  public void saveCursor(String master, String masterUrl, long completeAt) {
    jdbi.useTransaction(
        h -> {
          long source = source(h.attach(SourceDao.class), master, masterUrl);
          h.attach(IngestCursorDao.class)
              .save(new IngestCursor(source, CURSOR, Long.toString(completeAt), clock.instant()));
        });
  }

  @Override
  public boolean stored(String master, String builder, int number) {
    return jdbi.withHandle(
        h ->
            h.attach(BuildDao.class)
                .findByName(master, builder, number)
                .filter(b -> b.externalId() != null)
                .isPresent());
  }

  @Override
  public void skipped(String master, String masterUrl, FetchedBuild.Skip skip) {
    jdbi.useTransaction(
        h -> {
          long source = source(h.attach(SourceDao.class), master, masterUrl);
          h.attach(FetchSkipDao.class)
              .upsert(source, skip.url(), skip.status(), skip.message(), clock.instant());
        });
  }

  private long source(SourceDao sources, String master, String masterUrl) {
    return sources.upsert(master, SourceKind.BUILDBOT, masterUrl, clock.instant());
  }
}
