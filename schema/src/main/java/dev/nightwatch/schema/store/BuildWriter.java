package dev.nightwatch.schema.store;

import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.BuilderDao;
import dev.nightwatch.schema.dao.ChangeDao;
import dev.nightwatch.schema.dao.LogDao;
import dev.nightwatch.schema.dao.SourceDao;
import dev.nightwatch.schema.dao.StepDao;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.Step;
import dev.nightwatch.schema.model.StepRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores a collected build whole or not at all, in one transaction. Writing the same build again is
 * harmless: it is found by source, builder and number, a log whose bytes did not change is kept as
 * it is, and the result says whether anything changed.
 */
public final class BuildWriter {
  /** What a write did to the store. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /** The stored build's id and what the write did. */
  public record Result(long buildId, Outcome outcome) {}

  /** More work for the same transaction once the build is written: all of it lands, or none. */
  @FunctionalInterface
  public interface AfterWrite {
    /** Nothing more. */
    AfterWrite NOTHING = (handle, result, logIds) -> {};

    /** Runs with the written build and the id of every log of the record. */
    void apply(Handle handle, Result result, Map<LogRecord, Long> logIds) throws IOException;
  }

  private final Jdbi jdbi;
  private final LogStore logStore;
  private final Clock clock;

  public BuildWriter(Jdbi jdbi, LogStore logStore, Clock clock) {
    this.jdbi = jdbi;
    this.logStore = logStore;
    this.clock = clock;
  }

  /** Stores the build; an exception (bad bytes, I/O) leaves the store as it was. */
  public Result write(BuildRecord build) throws IOException {
    return write(build, AfterWrite.NOTHING);
  }

  /** Stores the build and runs {@code after} in the same transaction. */
  public Result write(BuildRecord build, AfterWrite after) throws IOException {
    // Digest the logs before taking the write lock: an unchanged log is then never rewritten.
    Map<LogRecord, LogDigest> digests = new IdentityHashMap<>();
    for (StepRecord step : build.steps()) {
      for (LogRecord log : step.logs()) {
        digests.put(log, LogDigest.of(log.content()));
      }
    }
    return write(build, digests, after);
  }

  /**
   * Stores the build, given the digest of every one of its logs (a caller that reads the logs
   * anyway computes them on the way), and runs {@code after} in the same transaction.
   */
  public Result write(BuildRecord build, Map<LogRecord, LogDigest> digests, AfterWrite after)
      throws IOException {
    for (StepRecord step : build.steps()) {
      for (LogRecord log : step.logs()) {
        if (!digests.containsKey(log)) {
          throw new IllegalArgumentException(
              "no digest for log " + log.name() + " of " + step.name());
        }
      }
    }
    Instant now = clock.instant();
    return jdbi.inTransaction(
        handle -> {
          Map<LogRecord, Long> logIds = new IdentityHashMap<>();
          Result result = store(handle, build, digests, logIds, now);
          after.apply(handle, result, logIds);
          return result;
        });
  }

  private Result store(
      Handle handle,
      BuildRecord build,
      Map<LogRecord, LogDigest> digests,
      Map<LogRecord, Long> logIds,
      Instant now)
      throws IOException {
    BuilderDao builders = handle.attach(BuilderDao.class);
    BuildDao builds = handle.attach(BuildDao.class);
    long sourceId =
        handle
            .attach(SourceDao.class)
            .upsert(build.sourceName(), build.sourceKind(), build.sourceUrl(), now);
    long builderId =
        builders.upsert(sourceId, build.builderName(), build.builderExternalId(), null);
    Long workerId =
        build.workerName() == null
            ? null
            : builders.upsertWorker(sourceId, build.workerName(), null);

    Optional<Snapshot> before =
        builds.findByBuilderAndNumber(builderId, build.number()).map(b -> snapshot(handle, b));
    long buildId = builds.upsert(builderId, workerId, build, now);
    if (!build.changes().isEmpty()) {
      ChangeDao changes = handle.attach(ChangeDao.class);
      changes.deleteByBuild(buildId);
      List<Change> list = build.changes();
      for (int i = 0; i < list.size(); i++) {
        changes.insert(buildId, i, list.get(i));
      }
    }
    for (StepRecord step : build.steps()) {
      storeStep(handle, buildId, step, digests, logIds);
    }
    Snapshot after = snapshot(handle, builds.find(buildId).orElseThrow());
    Outcome outcome =
        before.isEmpty()
            ? Outcome.CREATED
            : before.get().equals(after) ? Outcome.UNCHANGED : Outcome.UPDATED;
    return new Result(buildId, outcome);
  }

  private void storeStep(
      Handle handle,
      long buildId,
      StepRecord step,
      Map<LogRecord, LogDigest> digests,
      Map<LogRecord, Long> logIds)
      throws IOException {
    StepDao steps = handle.attach(StepDao.class);
    LogDao logs = handle.attach(LogDao.class);
    int number =
        step.number() != null
            ? step.number()
            : steps
                .findByName(buildId, step.name())
                .map(Step::number)
                .orElseGet(() -> steps.nextNumber(buildId));
    long stepId =
        steps.upsert(
            buildId,
            number,
            step.name(),
            step.result(),
            step.stateString(),
            step.startedAt(),
            step.finishedAt());
    for (LogRecord log : step.logs()) {
      Optional<LogInfo> stored = logs.findByStep(stepId, log.name());
      if (stored.isPresent() && stored.get().sha256().equals(digests.get(log).sha256())) {
        logIds.put(log, stored.get().id());
        continue;
      }
      stored.ifPresent(old -> logs.delete(old.id()));
      LogInfo written = logStore.write(handle, stepId, log.name(), log.content());
      logIds.put(log, written.id());
      if (!written.sha256().equals(digests.get(log).sha256())) {
        throw new IOException(
            "log %s of step %s changed while it was being stored"
                .formatted(log.name(), step.name()));
      }
    }
  }

  private static Snapshot snapshot(Handle handle, Build build) {
    return new Snapshot(
        build.withoutIngestTime(),
        handle.attach(StepDao.class).listByBuild(build.id()),
        handle.attach(LogDao.class).listByBuild(build.id()),
        handle.attach(ChangeDao.class).listByBuild(build.id()));
  }

  /** Everything a write can change about a build, compared to tell UPDATED from UNCHANGED. */
  private record Snapshot(
      Build build, List<Step> steps, List<LogInfo> logs, List<Change> changes) {}
}
