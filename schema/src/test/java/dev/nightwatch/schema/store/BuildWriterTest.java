package dev.nightwatch.schema.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.ChangeDao;
import dev.nightwatch.schema.dao.LogDao;
import dev.nightwatch.schema.dao.StepDao;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.StepRecord;
import dev.nightwatch.schema.store.BuildWriter.Outcome;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuildWriterTest extends StoreTest {
  private BuildWriter writer;
  private LogStore logs;

  @BeforeEach
  void createWriter() {
    logs = new LogStore(database.jdbi());
    writer =
        new BuildWriter(
            database.jdbi(),
            logs,
            Clock.fixed(Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void storesABuildWithItsStepsChangesAndLog() throws Exception {
    BuildWriter.Result result = writer.write(TestBuilds.build(7, "test_os failed\n"));

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    Build build = database.jdbi().onDemand(BuildDao.class).find(result.buildId()).orElseThrow();
    assertThat(build.builderName()).isEqualTo("AMD64 Debian 3.x");
    assertThat(build.sourceName()).isEqualTo("buildbot.example");
    assertThat(build.workerName()).isEqualTo("debian-worker");
    assertThat(build.number()).isEqualTo(7);
    assertThat(build.result()).isEqualTo(BuildResult.FAILURE);
    assertThat(build.finishedAt()).isEqualTo(Instant.parse("2026-11-01T10:30:00Z"));
    assertThat(build.ingestedAt()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    assertThat(database.jdbi().onDemand(StepDao.class).listByBuild(build.id()))
        .singleElement()
        .satisfies(s -> assertThat(s.name()).isEqualTo("test"));
    assertThat(database.jdbi().onDemand(ChangeDao.class).listByBuild(build.id()))
        .singleElement()
        .satisfies(c -> assertThat(c.message()).isEqualTo("gh-1: fix (#1)"));
    LogInfo log = database.jdbi().onDemand(LogDao.class).listByBuild(build.id()).get(0);
    try (InputStream in = logs.open(log.id())) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("test_os failed\n");
    }
  }

  @Test
  void writingTheSameBuildTwiceStoresItOnce() throws Exception {
    BuildWriter.Result first = writer.write(TestBuilds.build(7, "same\n"));
    long logId = logIds(first.buildId()).get(0);

    BuildWriter.Result second = writer.write(TestBuilds.build(7, "same\n"));

    assertThat(second).isEqualTo(new BuildWriter.Result(first.buildId(), Outcome.UNCHANGED));
    assertThat(database.jdbi().onDemand(BuildDao.class).count()).isEqualTo(1);
    assertThat(logIds(first.buildId())).containsExactly(logId);
    assertThat(chunkCount()).isEqualTo(1);
  }

  @Test
  void aChangedLogReplacesTheStoredOne() throws Exception {
    BuildWriter.Result first = writer.write(TestBuilds.build(7, "first\n"));

    BuildWriter.Result second = writer.write(TestBuilds.build(7, "second\n"));

    assertThat(second.outcome()).isEqualTo(Outcome.UPDATED);
    List<LogInfo> stored = database.jdbi().onDemand(LogDao.class).listByBuild(first.buildId());
    assertThat(stored).hasSize(1);
    try (InputStream in = logs.open(stored.get(0).id())) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("second\n");
    }
    assertThat(chunkCount()).isEqualTo(1);
  }

  @Test
  void unknownFieldsNeverEraseStoredOnes() throws Exception {
    writer.write(TestBuilds.build(7, "log\n"));
    BuildRecord sparse = TestBuilds.build(7, "log\n");
    sparse =
        new BuildRecord(
            sparse.sourceName(),
            sparse.sourceKind(),
            null,
            sparse.builderName(),
            null,
            7,
            null,
            null,
            null,
            null,
            BuildResult.UNKNOWN,
            null,
            null,
            null,
            sparse.finishedAt(),
            null,
            null,
            List.of(),
            sparse.steps());

    long id = writer.write(sparse).buildId();

    Build build = database.jdbi().onDemand(BuildDao.class).find(id).orElseThrow();
    assertThat(build.revision()).isEqualTo("0123abcd");
    assertThat(build.result()).isEqualTo(BuildResult.FAILURE);
    assertThat(build.workerName()).isEqualTo("debian-worker");
    assertThat(database.jdbi().onDemand(ChangeDao.class).listByBuild(id)).hasSize(1);
  }

  @Test
  void aLogThatFailsMidwayLeavesNothingStored() throws Exception {
    byte[] big = "line\n".repeat(1_000_000).getBytes(UTF_8);
    int[] opened = {0};
    LogRecord failing =
        new LogRecord(
            "stdio",
            () -> {
              // The digest pass reads it whole; the storing pass breaks after 2 MB.
              if (opened[0]++ == 0) {
                return new ByteArrayInputStream(big);
              }
              return new FilterInputStream(new ByteArrayInputStream(big)) {
                private long read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                  if (read > 2_000_000) {
                    throw new IOException("disk went away");
                  }
                  int n = super.read(b, off, len);
                  read += Math.max(0, n);
                  return n;
                }
              };
            });
    BuildRecord build = TestBuilds.build(9, "");
    BuildRecord broken =
        new BuildRecord(
            build.sourceName(),
            build.sourceKind(),
            build.sourceUrl(),
            build.builderName(),
            build.builderExternalId(),
            9,
            build.externalId(),
            build.revision(),
            build.branch(),
            build.repository(),
            build.result(),
            build.stateString(),
            build.reason(),
            build.startedAt(),
            build.finishedAt(),
            build.url(),
            build.workerName(),
            build.changes(),
            List.of(
                new StepRecord(
                    5, "test", BuildResult.FAILURE, null, null, null, List.of(failing))));

    assertThatThrownBy(() -> writer.write(broken)).hasMessageContaining("disk went away");

    assertThat(database.jdbi().onDemand(BuildDao.class).count()).isZero();
    assertThat(chunkCount()).isZero();
  }

  @Test
  void workAfterTheWriteSharesItsTransaction() throws Exception {
    assertThatThrownBy(
            () ->
                writer.write(
                    TestBuilds.build(11, "log\n"),
                    (handle, result, logIds) -> {
                      assertThat(logIds).hasSize(1);
                      throw new IOException("analysis could not be stored");
                    }))
        .hasMessage("analysis could not be stored");

    assertThat(database.jdbi().onDemand(BuildDao.class).count()).isZero();
  }

  private List<Long> logIds(long buildId) {
    return database.jdbi().onDemand(LogDao.class).listByBuild(buildId).stream()
        .map(LogInfo::id)
        .toList();
  }

  private int chunkCount() {
    return database
        .jdbi()
        .withHandle(
            h -> h.createQuery("SELECT COUNT(*) FROM log_chunks").mapTo(Integer.class).one());
  }
}
