package dev.nightwatch.collector.buildbot;

import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.store.BuildWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one Buildbot master: each pass lists the builds that finished since the cursor, oldest
 * first, fetches and stores those not stored yet (several at a time), and moves the cursor past
 * them only once they are stored. Builds are ordered by completion time, not build id: ids are
 * given at start, so a build that finishes later can have a lower id. The pass re-reads a short
 * overlap before the cursor (a build committed late with an earlier time); stored builds are
 * recognised and passed over, so a build is stored at least once and re-storing is harmless.
 */
public final class MasterPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterPoller.class);

  /** Stores a fetched build (the web module's ingest pipeline). */
  @FunctionalInterface
  public interface Ingest {
    BuildWriter.Result ingest(BuildRecord build) throws IOException;
  }

  /**
   * @param pageSize builds asked for in one list request
   * @param concurrency builds fetched at once
   * @param overlap how far before the cursor each pass looks again
   * @param backfill how far back the first pass of a new master reaches (null: all builds)
   */
  public record Settings(int pageSize, int concurrency, Duration overlap, Duration backfill) {
    public static final Settings DEFAULT = new Settings(100, 4, Duration.ofMinutes(2), null);

    public Settings {
      if (pageSize < 1 || concurrency < 1) {
        throw new IllegalArgumentException("page size and concurrency must be at least 1");
      }
    }
  }

  /** What one build came to in a pass. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    ALREADY_STORED,
    NOT_FOUND,
    FAILED
  }

  /** One build's outcome, with the error when it failed or was not found. */
  public record BuildOutcome(
      long buildid, String builder, int number, long completeAt, Outcome outcome, String error) {}

  /** What one pass did; {@code error} says why it stopped early (the cursor then holds). */
  public record Report(
      String master, List<BuildOutcome> builds, Long cursorBefore, Long cursorAfter, String error) {
    public Report {
      builds = List.copyOf(builds);
    }

    public long count(Outcome outcome) {
      return builds.stream().filter(b -> b.outcome() == outcome).count();
    }

    public boolean failed() {
      return error != null;
    }

    /** One line for a person. */
    public String summary() {
      return "%s: %d new, %d updated, %d unchanged, %d already stored, %d not found, %d failed;"
              .formatted(
                  master,
                  count(Outcome.CREATED),
                  count(Outcome.UPDATED),
                  count(Outcome.UNCHANGED),
                  count(Outcome.ALREADY_STORED),
                  count(Outcome.NOT_FOUND),
                  count(Outcome.FAILED))
          + " cursor %s → %s%s"
              .formatted(
                  cursorBefore == null ? "none" : cursorBefore,
                  cursorAfter == null ? "none" : cursorAfter,
                  error == null ? "" : "; stopped: " + error);
    }
  }

  private final String master;
  private final String masterUrl;
  private final BuildbotHttp http;
  private final BuildFetcher fetcher;
  private final PollState state;
  private final Ingest ingest;
  private final Settings settings;
  private final Clock clock;
  private final ApiReader reader = new ApiReader();
  private final ExecutorService executor;
  private final Object ingestLock = new Object();

  public MasterPoller(
      String master,
      String masterUrl,
      BuildbotHttp http,
      BuildFetcher fetcher,
      PollState state,
      Ingest ingest,
      Settings settings,
      Clock clock) {
    this.master = master;
    this.masterUrl = masterUrl;
    this.http = http;
    this.fetcher = fetcher;
    this.state = state;
    this.ingest = ingest;
    this.settings = settings;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "nightwatch-fetch-" + master + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public String master() {
    return master;
  }

  /** One pass: everything finished since the cursor, page by page, until caught up. */
  public synchronized Report pollOnce() throws InterruptedException {
    OptionalLong saved = state.cursor(master);
    Long before = saved.isPresent() ? saved.getAsLong() : null;
    long cursor = before != null ? before : firstCursor();
    List<BuildOutcome> outcomes = new ArrayList<>();
    try {
      fetcher.refreshNames();
      long from = Math.max(0, cursor - settings.overlap().toSeconds());
      int offset = 0;
      while (true) {
        List<ApiModel.Build> page = reader.builds(http.get(listPath(from, offset)));
        List<BuildOutcome> done = fetchAll(page);
        outcomes.addAll(done);
        OptionalLong held =
            done.stream()
                .filter(o -> o.outcome() == Outcome.FAILED)
                .mapToLong(BuildOutcome::completeAt)
                .min();
        if (held.isPresent()) {
          // Everything before the first failure is stored; start there next time.
          cursor = Math.max(cursor, held.getAsLong() - 1);
          state.saveCursor(master, masterUrl, cursor);
          BuildOutcome first =
              done.stream().filter(o -> o.outcome() == Outcome.FAILED).findFirst().orElseThrow();
          return new Report(master, outcomes, before, cursor, first.error());
        }
        if (!page.isEmpty()) {
          long last = page.get(page.size() - 1).completeAt().getEpochSecond();
          cursor = Math.max(cursor, last);
          state.saveCursor(master, masterUrl, cursor);
          if (page.size() == settings.pageSize()) {
            // A full page: go on. If it all finished in one second, page within that second.
            if (page.get(0).completeAt().getEpochSecond() == last && last == from) {
              offset += page.size();
            } else {
              from = last;
              offset = 0;
            }
            continue;
          }
        }
        return new Report(master, outcomes, before, cursor, null);
      }
    } catch (IOException | ApiFormatException e) {
      LOG.warn("polling {} stopped: {}", master, e.getMessage());
      return new Report(master, outcomes, before, before, e.getMessage());
    }
  }

  /**
   * Fetches and stores one build now (a push said it finished), unless it is stored already. Leaves
   * the cursor alone: the next pass passes over it.
   */
  public BuildOutcome fetchOne(long buildid) throws InterruptedException {
    try {
      ApiModel.Build build = fetcher.build(buildid);
      if (!build.complete() || build.completeAt() == null) {
        return new BuildOutcome(
            buildid,
            fetcher.builderName(build.builderid()),
            build.number(),
            0,
            Outcome.FAILED,
            "build " + buildid + " has not finished");
      }
      return fetchAll(List.of(build)).get(0);
    } catch (BuildbotHttpException e) {
      if (e.notFound()) {
        state.skipped(master, masterUrl, new FetchedBuild.Skip(e.url(), 404, e.getMessage()));
        return new BuildOutcome(buildid, null, 0, 0, Outcome.NOT_FOUND, e.getMessage());
      }
      return new BuildOutcome(buildid, null, 0, 0, Outcome.FAILED, e.getMessage());
    } catch (IOException | ApiFormatException e) {
      return new BuildOutcome(buildid, null, 0, 0, Outcome.FAILED, e.getMessage());
    }
  }

  private String listPath(long from, int offset) {
    // With every property: the fetch then needs no second request for the build itself.
    return ("builds?complete=true&complete_at__ge=%d&order=complete_at&order=buildid&limit=%d"
            + "&property=*%s")
        .formatted(from, settings.pageSize(), offset == 0 ? "" : "&offset=" + offset);
  }

  private long firstCursor() {
    return settings.backfill() == null
        ? 0
        : clock.instant().minus(settings.backfill()).getEpochSecond();
  }

  private List<BuildOutcome> fetchAll(List<ApiModel.Build> builds) throws InterruptedException {
    List<Future<BuildOutcome>> futures = new ArrayList<>();
    for (ApiModel.Build build : builds) {
      Callable<BuildOutcome> task = () -> fetchAndStore(build);
      futures.add(executor.submit(task));
    }
    List<BuildOutcome> out = new ArrayList<>();
    for (Future<BuildOutcome> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("fetch task failed unexpectedly", e.getCause());
      }
    }
    return out;
  }

  private BuildOutcome fetchAndStore(ApiModel.Build build) throws InterruptedException {
    String builder = fetcher.builderName(build.builderid());
    long completeAt = build.completeAt() == null ? 0 : build.completeAt().getEpochSecond();
    if (builder != null && state.stored(master, builder, build.number())) {
      return outcome(build, builder, completeAt, Outcome.ALREADY_STORED, null);
    }
    try (FetchedBuild fetched = fetcher.fetch(build)) {
      BuildWriter.Result result;
      synchronized (ingestLock) {
        result = ingest.ingest(fetched.record());
      }
      for (FetchedBuild.Skip skip : fetched.skipped()) {
        state.skipped(master, masterUrl, skip);
      }
      Outcome outcome = Outcome.valueOf(result.outcome().name());
      return outcome(build, fetched.record().builderName(), completeAt, outcome, null);
    } catch (BuildbotHttpException e) {
      if (e.notFound()) {
        // The build is gone from the master (expired, deleted): nothing to wait for.
        state.skipped(master, masterUrl, new FetchedBuild.Skip(e.url(), 404, e.getMessage()));
        return outcome(build, builder, completeAt, Outcome.NOT_FOUND, e.getMessage());
      }
      return outcome(build, builder, completeAt, Outcome.FAILED, e.getMessage());
    } catch (IOException | ApiFormatException | RuntimeException e) {
      LOG.warn("build {} of {} not stored", build.buildid(), master, e);
      return outcome(
          build,
          builder,
          completeAt,
          Outcome.FAILED,
          "build %d: %s".formatted(build.buildid(), e.getMessage()));
    }
  }

  private static BuildOutcome outcome(
      ApiModel.Build build, String builder, long completeAt, Outcome outcome, String error) {
    return new BuildOutcome(build.buildid(), builder, build.number(), completeAt, outcome, error);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
