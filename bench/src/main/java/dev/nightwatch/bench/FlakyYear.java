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
 * tables ingest maintains, as ingest would have: builder, branch and fleet rows per test and day, a
 * 256-run series per test and builder, and the latest failures of the flaky tests with their
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
        s.execute(
            "INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'bench', 'BUILDBOT', 0)");
        for (int b = 1; b <= BUILDERS; b++) {
          s.execute(
              "INSERT INTO builders (id, source_id, name) VALUES (%d, 1, 'builder-%02d')"
                  .formatted(b, b));
          s.execute(
              "INSERT INTO workers (id, source_id, name) VALUES (%d, 1, 'worker-%02d')"
                  .formatted(b, b));
        }
        for (int t = 1; t <= TESTS; t++) {
          s.execute("INSERT INTO tests (id, name) VALUES (%d, 'test_%03d')".formatted(t, t));
        }
      }
      long firstDay = LAST_DAY.minusDays(DAYS - 1).toEpochDay();
      long firstWeek = dev.nightwatch.schema.dao.DayWindow.week(firstDay);
      int weeks =
          (int) (dev.nightwatch.schema.dao.DayWindow.week(firstDay + DAYS - 1) - firstWeek + 1);
      // branch and fleet rows, per day and per week: [branch or fleet][period][test]
      Rows branchDays = new Rows(BRANCHES.length + 1, DAYS);
      Rows branchWeeks = new Rows(BRANCHES.length + 1, weeks);
      try (PreparedStatement days = c.prepareStatement(insert("test_days", "day"));
          PreparedStatement weekRows = c.prepareStatement(insert("test_weeks", "week"))) {
        for (int b = 0; b < BUILDERS; b++) {
          String branch = branch(b);
          int br = java.util.Arrays.asList(BRANCHES).indexOf(branch);
          Rows builderWeeks = new Rows(1, weeks);
          for (int d = 0; d < DAYS; d++) {
            int w = (int) (dev.nightwatch.schema.dao.DayWindow.week(firstDay + d) - firstWeek);
            long dayStart = (firstDay + d) * 86_400_000L;
            for (int t = 0; t < TESTS; t++) {
              int unexpected = binomial(random, BUILDS_PER_DAY, rates[t][b]);
              int failures = binomial(random, unexpected, 0.1);
              int incidents = random.nextInt(200) == 0 ? 1 : 0;
              long[] row = {
                BUILDS_PER_DAY - incidents, failures, unexpected - failures, incidents, 0, 0
              };
              if (row[2] > 0) {
                row[4] = dayStart + 3_600_000L;
                row[5] = dayStart + 80_000_000L;
              }
              add(days, b + 1, branch, firstDay + d, t + 1, b + 1, row);
              builderWeeks.add(0, w, t, row);
              branchDays.add(br, d, t, row);
              branchDays.add(BRANCHES.length, d, t, row);
              branchWeeks.add(br, w, t, row);
              branchWeeks.add(BRANCHES.length, w, t, row);
            }
            days.executeBatch();
          }
          for (int w = 0; w < weeks; w++) {
            for (int t = 0; t < TESTS; t++) {
              add(weekRows, b + 1, branch, firstWeek + w, t + 1, b + 1, builderWeeks.get(0, w, t));
            }
          }
          weekRows.executeBatch();
        }
        for (int br = 0; br <= BRANCHES.length; br++) {
          String name = br == BRANCHES.length ? "*" : BRANCHES[br];
          for (int d = 0; d < DAYS; d++) {
            for (int t = 0; t < TESTS; t++) {
              add(days, 0, name, firstDay + d, t + 1, 0, branchDays.get(br, d, t));
            }
          }
          for (int w = 0; w < weeks; w++) {
            for (int t = 0; t < TESTS; t++) {
              add(weekRows, 0, name, firstWeek + w, t + 1, 0, branchWeeks.get(br, w, t));
            }
          }
          days.executeBatch();
          weekRows.executeBatch();
        }
      }
      writeSeries(c, rates, random);
      writeFailures(c, rates, random);
      c.commit();
    }
  }

  /** Sums per level, period and test: runs, failures, flaky, incidents, first and last flaky. */
  private static final class Rows {
    private final long[][][][] sums;

    Rows(int levels, int periods) {
      sums = new long[levels][periods][TESTS][];
    }

    void add(int level, int period, int test, long[] row) {
      long[] s = sums[level][period][test];
      if (s == null) {
        sums[level][period][test] = row.clone();
        return;
      }
      for (int k = 0; k < 4; k++) {
        s[k] += row[k];
      }
      if (row[2] > 0) {
        s[4] = s[4] == 0 ? row[4] : Math.min(s[4], row[4]);
        s[5] = Math.max(s[5], row[5]);
      }
    }

    long[] get(int level, int period, int test) {
      long[] s = sums[level][period][test];
      return s == null ? new long[6] : s;
    }
  }

  private static String insert(String table, String period) {
    return "INSERT INTO "
        + table
        + " (builder_id, branch, "
        + period
        + ", test_id, worker_id,"
        + " runs, failures, flaky, incidents, red, first_flaky_at, last_flaky_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  private static void add(
      PreparedStatement s,
      long builder,
      String branch,
      long period,
      long test,
      long worker,
      long[] row)
      throws SQLException {
    s.setLong(1, builder);
    s.setString(2, branch);
    s.setLong(3, period);
    s.setLong(4, test);
    s.setLong(5, worker);
    s.setLong(6, row[0]);
    s.setLong(7, row[1]);
    s.setLong(8, row[2]);
    s.setLong(9, row[3]);
    s.setLong(10, row[1]);
    if (row[2] > 0) {
      s.setTimestamp(11, new Timestamp(row[4]));
      s.setTimestamp(12, new Timestamp(row[5]));
    } else {
      s.setNull(11, java.sql.Types.INTEGER);
      s.setNull(12, java.sql.Types.INTEGER);
    }
    s.addBatch();
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
                u < rates[t][b] * 0.9
                    ? TestStatus.FLAKY
                    : u < rates[t][b] ? TestStatus.FAILED_AGAIN : TestStatus.PASSED;
            long buildId = 2_000_000L - (History.CAPACITY - i) * BUILDERS + b;
            runs.add(
                new TestRun(
                    buildId,
                    20_000 - History.CAPACITY + i,
                    end.minus(Duration.ofMinutes(26L * (History.CAPACITY - i))),
                    status,
                    false));
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
        s.execute(
            ("INSERT INTO builds (id, builder_id, number, result, finished_at, origin,"
                    + " ingested_at) VALUES (%d, %d, 1, 'FAILURE', 0, 'BUILDBOT', 0)")
                .formatted(b, b));
      }
    }
    try (PreparedStatement cluster =
            c.prepareStatement(
                "INSERT INTO clusters (id, fingerprint, kind, title, status, first_seen, last_seen,"
                    + " occurrences, created_at, updated_at)"
                    + " VALUES (?, ?, 'TEST_FAILURE', ?, 'KNOWN', 0, 0, 50, 0, 0)");
        PreparedStatement failure =
            c.prepareStatement(
                "INSERT INTO failures (build_id, ordinal, kind, test_file, rule, cluster_id,"
                    + " created_at, finished_at) VALUES (?, ?, 'TEST_FAILURE', ?, 'bench', ?, 0, 0)")) {
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
      deleteTree(dir);
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

  /** Deletes a directory and everything in it. */
  static void deleteTree(Path dir) throws IOException {
    try (var walk = java.nio.file.Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }
}
