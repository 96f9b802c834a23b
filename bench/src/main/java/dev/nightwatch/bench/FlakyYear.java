package dev.nightwatch.bench;

import dev.nightwatch.analyzer.flaky.History;
import dev.nightwatch.analyzer.flaky.Segment;
import dev.nightwatch.analyzer.flaky.Segmenter;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.schema.store.HistoryCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the aggregates and series a CPython-sized year leaves behind — 100 builders on four
 * branches, 450 test files, about 2 million builds (55 per builder per day) — straight into the
 * tables ingest maintains, as ingest would have: builder, branch and fleet rows per test and day,
 * a 256-run series per test and builder, and the latest failures of the flaky tests with their
 * clusters. Most tests are stable; a tenth are flaky on some builders at 0.1–5%.
 */
final class FlakyYear {
  static final int BUILDERS = 100;
  static final int TESTS = 450;
  static final int DAYS = 365;
  static final int BUILDS_PER_DAY = 55;
  static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 30);
  static final String[] BRANCHES = {"main", "3.14", "3.13", "3.12"};

  private FlakyYear() {}

  static String branch(int builder) {
    return builder < 60 ? "main" : BRANCHES[1 + (builder - 60) / 14 % 3];
  }

  /** Each test's failure rate on each builder: mostly 0, a tenth of tests flaky somewhere. */
  static double[][] rates(SplittableRandom random) {
    double[][] rates = new double[TESTS][BUILDERS];
    for (int t = 0; t < TESTS; t++) {
      if (random.nextInt(10) != 0) {
        continue;
      }
      int on = 5 + random.nextInt(36);
      for (int i = 0; i < on; i++) {
        rates[t][random.nextInt(BUILDERS)] = 0.001 + random.nextDouble() * 0.049;
      }
    }
    return rates;
  }

  static void write(Database database) throws SQLException {
    SplittableRandom random = new SplittableRandom(2026);
    double[][] rates = rates(random);
    try (Connection c = database.jdbi().open().getConnection()) {
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.execute("INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'bench', 'BUILDBOT', 0)");
        for (int b = 1; b <= BUILDERS; b++) {
          s.execute("INSERT INTO builders (id, source_id, name) VALUES (%d, 1, 'builder-%02d')"
              .formatted(b, b));
          s.execute("INSERT INTO workers (id, source_id, name) VALUES (%d, 1, 'worker-%02d')"
              .formatted(b, b));
        }
        for (int t = 1; t <= TESTS; t++) {
          s.execute("INSERT INTO tests (id, name) VALUES (%d, 'test_%03d')".formatted(t, t));
        }
      }
      long firstDay = LAST_DAY.minusDays(DAYS - 1).toEpochDay();
      // branch rows [branch][day][test][counts], fleet rows [day][test][counts]
      int[][][][] branchRows = new int[BRANCHES.length][DAYS][TESTS][4];
      int[][][] fleetRows = new int[DAYS][TESTS][4];
      long[][][] fleetFlaky = new long[DAYS][TESTS][2];
      String sql =
          "INSERT INTO test_days (builder_id, branch, day, test_id, worker_id, runs, failures,"
              + " flaky, incidents, red, first_flaky_at, last_flaky_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      try (PreparedStatement days = c.prepareStatement(sql)) {
        int batch = 0;
        for (int b = 0; b < BUILDERS; b++) {
          String branch = branch(b);
          int br = java.util.Arrays.asList(BRANCHES).indexOf(branch);
          for (int d = 0; d < DAYS; d++) {
            for (int t = 0; t < TESTS; t++) {
              int runs = BUILDS_PER_DAY;
              int unexpected = binomial(random, runs, rates[t][b]);
              int failures = binomial(random, unexpected, 0.1);
              int flaky = unexpected - failures;
              int incidents = random.nextInt(200) == 0 ? 1 : 0;
              long dayStart = (firstDay + d) * 86_400_000L;
              days.setLong(1, b + 1);
              days.setString(2, branch);
              days.setLong(3, firstDay + d);
              days.setLong(4, t + 1);
              days.setLong(5, b + 1);
              days.setInt(6, runs - incidents);
              days.setInt(7, failures);
              days.setInt(8, flaky);
              days.setInt(9, incidents);
              days.setInt(10, failures);
              if (flaky > 0) {
                days.setTimestamp(11, new Timestamp(dayStart + 3_600_000L));
                days.setTimestamp(12, new Timestamp(dayStart + 80_000_000L));
                fleetFlaky[d][t][0] = fleetFlaky[d][t][0] == 0 ? dayStart + 3_600_000L
                    : Math.min(fleetFlaky[d][t][0], dayStart + 3_600_000L);
                fleetFlaky[d][t][1] = Math.max(fleetFlaky[d][t][1], dayStart + 80_000_000L);
              } else {
                days.setNull(11, java.sql.Types.INTEGER);
                days.setNull(12, java.sql.Types.INTEGER);
              }
              days.addBatch();
              int[] counts = {runs - incidents, failures, flaky, incidents};
              for (int k = 0; k < 4; k++) {
                branchRows[br][d][t][k] += counts[k];
                fleetRows[d][t][k] += counts[k];
              }
              if (++batch % 10_000 == 0) {
                days.executeBatch();
              }
            }
          }
        }
        for (int br = 0; br < BRANCHES.length; br++) {
          for (int d = 0; d < DAYS; d++) {
            for (int t = 0; t < TESTS; t++) {
              addRow(days, 0, BRANCHES[br], firstDay + d, t + 1, branchRows[br][d][t],
                  fleetFlaky[d][t]);
            }
          }
          days.executeBatch();
        }
        for (int d = 0; d < DAYS; d++) {
          for (int t = 0; t < TESTS; t++) {
            addRow(days, 0, "*", firstDay + d, t + 1, fleetRows[d][t], fleetFlaky[d][t]);
          }
        }
        days.executeBatch();
      }
      writeSeries(c, rates, random);
      writeFailures(c, rates, random);
      c.commit();
    }
  }

  private static void addRow(
      PreparedStatement days, long builder, String branch, long day, long test, int[] counts,
      long[] flakyAt) throws SQLException {
    days.setLong(1, builder);
    days.setString(2, branch);
    days.setLong(3, day);
    days.setLong(4, test);
    days.setLong(5, 0);
    days.setInt(6, counts[0]);
    days.setInt(7, counts[1]);
    days.setInt(8, counts[2]);
    days.setInt(9, counts[3]);
    days.setInt(10, counts[1]);
    if (counts[2] > 0) {
      days.setTimestamp(11, new Timestamp(flakyAt[0]));
      days.setTimestamp(12, new Timestamp(flakyAt[1]));
    } else {
      days.setNull(11, java.sql.Types.INTEGER);
      days.setNull(12, java.sql.Types.INTEGER);
    }
    days.addBatch();
  }

  private static void writeSeries(Connection c, double[][] rates, SplittableRandom random)
      throws SQLException {
    Segmenter segmenter = new Segmenter();
    Instant end = LAST_DAY.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO test_series (test_id, builder_id, branch, history, state,"
                + " segment_build_id, segment_build_number, segment_started_at, segment_runs,"
                + " segment_unexpected, flip_rate, last_run_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int b = 0; b < BUILDERS; b++) {
        for (int t = 0; t < TESTS; t++) {
          List<TestRun> runs = new ArrayList<>(History.CAPACITY);
          for (int i = 0; i < History.CAPACITY; i++) {
            double u = random.nextDouble();
            TestStatus status =
                u < rates[t][b] * 0.9 ? TestStatus.FLAKY
                    : u < rates[t][b] ? TestStatus.FAILED_AGAIN : TestStatus.PASSED;
            long buildId = 2_000_000L - (History.CAPACITY - i) * BUILDERS + b;
            runs.add(new TestRun(buildId, 20_000 - History.CAPACITY + i,
                end.minus(Duration.ofMinutes(26L * (History.CAPACITY - i))), status, false));
          }
          History.Summary summary = History.summarize(runs, segmenter);
          Segment seg = summary.segment();
          s.setLong(1, t + 1);
          s.setLong(2, b + 1);
          s.setString(3, branch(b));
          s.setBytes(4, HistoryCodec.encode(runs));
          s.setString(5, summary.state().name());
          s.setLong(6, seg.firstBuildId());
          s.setInt(7, seg.firstBuildNumber());
          s.setTimestamp(8, Timestamp.from(seg.startedAt()));
          s.setInt(9, seg.runs());
          s.setInt(10, seg.unexpected());
          s.setDouble(11, summary.flipRate());
          s.setTimestamp(12, Timestamp.from(runs.get(runs.size() - 1).finishedAt()));
          s.addBatch();
        }
        s.executeBatch();
      }
    }
  }

  /** 500 failures of each flaky test in ten clusters, on one build per builder. */
  private static void writeFailures(Connection c, double[][] rates, SplittableRandom random)
      throws SQLException {
    try (var s = c.createStatement()) {
      for (int b = 1; b <= BUILDERS; b++) {
        s.execute(("INSERT INTO builds (id, builder_id, number, result, finished_at, origin,"
            + " ingested_at) VALUES (%d, %d, 1, 'FAILURE', 0, 'BUILDBOT', 0)").formatted(b, b));
      }
    }
    try (PreparedStatement cluster = c.prepareStatement(
            "INSERT INTO clusters (id, fingerprint, kind, title, status, first_seen, last_seen,"
                + " occurrences, created_at, updated_at)"
                + " VALUES (?, ?, 'TEST_FAILURE', ?, 'KNOWN', 0, 0, 50, 0, 0)");
        PreparedStatement failure = c.prepareStatement(
            "INSERT INTO failures (build_id, ordinal, kind, test_file, rule, cluster_id,"
                + " created_at) VALUES (?, ?, 'TEST_FAILURE', ?, 'bench', ?, 0)")) {
      long clusterId = 0;
      int ordinal = 0;
      for (int t = 0; t < TESTS; t++) {
        double any = 0;
        for (double r : rates[t]) {
          any += r;
        }
        if (any == 0) {
          continue;
        }
        long first = clusterId + 1;
        for (int k = 0; k < 10; k++) {
          clusterId++;
          cluster.setLong(1, clusterId);
          cluster.setString(2, "fp-" + clusterId);
          cluster.setString(3, "AssertionError in test_%03d, variant %d".formatted(t + 1, k));
          cluster.addBatch();
        }
        for (int i = 0; i < 500; i++) {
          failure.setLong(1, 1 + random.nextInt(BUILDERS));
          failure.setInt(2, ordinal++);
          failure.setString(3, "test_%03d".formatted(t + 1));
          failure.setLong(4, first + random.nextInt(10));
          failure.addBatch();
        }
      }
      cluster.executeBatch();
      failure.executeBatch();
    }
  }

  private static int binomial(SplittableRandom random, int n, double p) {
    if (p <= 0 || n == 0) {
      return 0;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < p) {
        k++;
      }
    }
    return k;
  }

  /** Opens the year's database, writing it first when it is not on disk yet. */
  static Database open(Path dir) throws IOException, SQLException {
    Path ready = dir.resolve("READY");
    boolean fresh = !java.nio.file.Files.exists(ready);
    if (fresh && java.nio.file.Files.exists(dir)) {
      try (var walk = java.nio.file.Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
    }
    Database database = Database.open(dir, Duration.ofSeconds(30));
    database.migrate();
    if (fresh) {
      long start = System.nanoTime();
      write(database);
      database.jdbi().useHandle(h -> h.execute("ANALYZE"));
      System.out.printf("wrote the year in %.0f s%n", (System.nanoTime() - start) / 1e9);
      java.nio.file.Files.writeString(ready, Instant.now().toString());
    }
    return database;
  }
}
