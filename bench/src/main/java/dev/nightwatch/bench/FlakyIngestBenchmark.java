package dev.nightwatch.bench;

import dev.nightwatch.analyzer.TestVerdict;
import dev.nightwatch.schema.dao.TestOutcomeDao;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.ingest.TestHistoryWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What keeping test history costs at ingest: one build of 450 test outcomes stored with its
 * aggregates, load and series ({@code full}) against the outcomes alone ({@code outcomes}), in a
 * real SQLite file; at the end, the bytes each table takes per outcome.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1)
public class FlakyIngestBenchmark {
  static final int BUILDERS = 20;

  @Param({"full", "outcomes"})
  public String keep;

  @Param("450")
  public int tests;

  private Database database;
  private Path dir;
  private TestHistoryWriter writer;
  private final SplittableRandom random = new SplittableRandom(11);
  private long nextBuild = 1;
  private long outcomes;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory(Path.of("target"), "flaky-ingest-");
    database = Database.open(dir, Duration.ofSeconds(30));
    database.migrate();
    writer = TestHistoryWriter.defaults();
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'b', 'BUILDBOT', 0)");
              for (int b = 1; b <= BUILDERS; b++) {
                h.execute(
                    "INSERT INTO builders (id, source_id, name) VALUES (?, 1, ?)",
                    b,
                    "builder-" + b);
                h.execute(
                    "INSERT INTO workers (id, source_id, name) VALUES (?, 1, ?)", b, "worker-" + b);
              }
            });
  }

  @Benchmark
  public void ingestBuild() {
    long id = nextBuild++;
    int builder = (int) (id % BUILDERS) + 1;
    List<TestVerdict> verdicts = new ArrayList<>(tests);
    for (int t = 0; t < tests; t++) {
      double u = random.nextDouble();
      TestStatus s =
          u < 0.004 ? TestStatus.FLAKY : u < 0.005 ? TestStatus.FAILED_AGAIN : TestStatus.PASSED;
      verdicts.add(new TestVerdict("test_%03d".formatted(t), s, 1000L + t));
    }
    database
        .jdbi()
        .useTransaction(
            h -> {
              h.execute(
                  "INSERT INTO builds (id, builder_id, number, result, finished_at, worker_id,"
                      + " origin, ingested_at) VALUES (?, ?, ?, 'SUCCESS', ?, ?, 'BUILDBOT', 0)",
                  id,
                  builder,
                  (int) id,
                  new Timestamp(1_780_000_000_000L + id * 90_000L),
                  builder);
              if (keep.equals("full")) {
                writer.replace(h, id, verdicts);
              } else {
                TestOutcomeDao dao = h.attach(TestOutcomeDao.class);
                var ids = dao.testIds(verdicts.stream().map(TestVerdict::testFile).toList());
                dao.upsertAll(
                    id,
                    verdicts.stream()
                        .map(
                            v ->
                                new TestOutcomeDao.Row(
                                    ids.get(v.testFile()), v.status(), v.durationMillis()))
                        .toList());
              }
            });
    outcomes += tests;
  }

  @TearDown(Level.Trial)
  public void report() throws IOException {
    System.out.printf(
        "%n%s: %,d builds, %,d outcomes, %d MB file%n",
        keep, nextBuild - 1, outcomes, Files.size(database.file()) >> 20);
    try {
      database
          .jdbi()
          .useHandle(
              h ->
                  h
                      .createQuery(
                          "SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
                      .mapToMap()
                      .list()
                      .stream()
                      .limit(8)
                      .forEach(
                          r ->
                              System.out.printf(
                                  "  %-22s %,12d bytes  %6.1f bytes/outcome%n",
                                  r.get("name"),
                                  ((Number) r.get("bytes")).longValue(),
                                  ((Number) r.get("bytes")).doubleValue() / outcomes)));
    } catch (RuntimeException e) {
      System.out.println("  (no dbstat in this SQLite build: " + e.getMessage() + ")");
    }
    FlakyYear.deleteTree(dir);
  }
}
