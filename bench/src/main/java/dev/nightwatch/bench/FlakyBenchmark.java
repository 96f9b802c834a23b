package dev.nightwatch.bench;

import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.resources.FlakyQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The flakiest-tests report over a CPython-sized year ({@link FlakyYear}): the whole fleet over 365
 * and 30 days, one builder over a year, one branch, ranked by impact, and a test's page.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FlakyBenchmark {
  private Database database;
  private FlakyQueries queries;

  @Setup(Level.Trial)
  public void open() throws IOException, SQLException {
    Path dir = Path.of("target", "flaky-year-v6");
    database = FlakyYear.open(dir);
    Clock clock =
        Clock.fixed(FlakyYear.LAST_DAY.atTime(23, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    queries = new FlakyQueries(database.jdbi(), clock);
    long rows =
        database
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM test_days").mapTo(Long.class).one());
    System.out.printf(
        "%nyear: %,d test_days rows, %d MB on disk; top test %s%n",
        rows,
        Files.size(database.file()) >> 20,
        queries.report(filter(null, null, 365, "lower")).tests().get(0).test());
  }

  private static FlakyQueries.Filter filter(String builder, String branch, int days, String sort) {
    return new FlakyQueries.Filter(builder, branch, days, sort, 0, 50);
  }

  @Benchmark
  public Object fleetYear() {
    return queries.report(filter(null, null, 365, "lower"));
  }

  @Benchmark
  public Object fleetMonth() {
    return queries.report(filter(null, null, 30, "lower"));
  }

  @Benchmark
  public Object fleetYearByImpact() {
    return queries.report(filter(null, null, 365, "impact"));
  }

  @Benchmark
  public Object builderYear() {
    return queries.report(filter("builder-07", null, 365, "lower"));
  }

  @Benchmark
  public Object branchYear() {
    return queries.report(filter(null, "3.13", 365, "lower"));
  }

  @Benchmark
  public Object testPage() {
    return queries.test("test_001", 365, 0);
  }
}
