package dev.nightwatch.bench;

import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.dedup.ClusterMatcher;
import dev.nightwatch.analyzer.dedup.IndexedFailure;
import dev.nightwatch.analyzer.fingerprint.Normalizer;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.schema.store.LogStore;
import dev.nightwatch.web.ClusteringFactory;
import dev.nightwatch.web.ingest.FailureIndexer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A data directory as a CPython-sized fleet leaves it after a year, for the pages' benchmark: the
 * flakiness aggregates of {@link FlakyYear} (100 builders, 450 tests), and on the same builders a
 * million builds (10,000 each, about one an hour) with 1,000,000 realistic failures ({@link
 * FailureCorpus}) in about 24,000 clusters — one of them, a long-lived flaky failure, holding a
 * tenth of all failures — with their index, and the logs of 2,000 failed builds. Written once into
 * the directory and reused.
 */
final class ServedHistory {
  static final int BUILDS_PER_BUILDER = 10_000;
  static final int FAILURES = 1_000_000;
  static final int LOGS = 2_000;
  static final long BUILD_BASE = 1_000;
  static final long CLUSTER_BASE = 10_000;
  private static final long STEP_MILLIS = 365L * 24 * 3600 * 1000 / BUILDS_PER_BUILDER;

  /** The last build's end: the hour the data was written, so the home page's last day is full. */
  private static Instant end = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);

  private ServedHistory() {}

  static long buildId(int builder, int n) {
    return BUILD_BASE + (long) (builder - 1) * BUILDS_PER_BUILDER + n;
  }

  static Instant finished(int n) {
    return end.minusMillis((long) (BUILDS_PER_BUILDER - n) * STEP_MILLIS + 1);
  }

  /** The directory's data, written first when it is not complete on disk. */
  static Path open(Path dir) throws IOException, SQLException {
    Path ready = dir.resolve("SERVED-READY"); // FlakyYear marks its own part READY
    if (Files.exists(ready)) {
      return dir;
    }
    if (Files.exists(dir)) {
      FlakyYear.deleteTree(dir);
    }
    long start = System.nanoTime();
    Database database = FlakyYear.open(dir); // the year's aggregates, builders and tests
    writeBuildsAndFailures(database);
    writeLogs(database);
    database.jdbi().useHandle(h -> h.execute("ANALYZE"));
    System.out.printf("wrote builds and failures in %.0f s%n", (System.nanoTime() - start) / 1e9);
    long indexing = System.nanoTime();
    try (FailureIndexer indexer = new ClusteringFactory().open(database.jdbi(), dir)) {
      indexer.rebuild();
    }
    System.out.printf("indexed in %.0f s%n", (System.nanoTime() - indexing) / 1e9);
    Files.writeString(ready, Instant.now().toString());
    return dir;
  }

  private static void writeBuildsAndFailures(Database database) throws SQLException {
    FailureCorpus corpus = new FailureCorpus(500);
    int problems = corpus.problems();
    SplittableRandom random = new SplittableRandom(1_000_000);
    int[] perBuild = new int[FlakyYear.BUILDERS * BUILDS_PER_BUILDER + 1];
    String[] kindOf = new String[perBuild.length];
    String[] keyOf = new String[perBuild.length];
    long[] clusterFirst = new long[problems];
    long[] clusterLast = new long[problems];
    long[] clusterCount = new long[problems];
    String[] clusterTitle = new String[problems];
    String[] clusterKind = new String[problems];
    String[] clusterPrint = new String[problems];
    try (Connection c = database.jdbi().open().getConnection()) {
      // Failures are written before the builds and clusters they name (whose results and counts
      // they decide); the references hold once all three are written, in the one transaction.
      try (var s = c.createStatement()) {
        s.execute("PRAGMA foreign_keys = OFF");
      }
      c.setAutoCommit(false);
      try (PreparedStatement f =
          c.prepareStatement(
              "INSERT INTO failures (build_id, ordinal, kind, test_name, test_file, key_line,"
                  + " excerpt, rule, fingerprint, normalized_text, normalization_version,"
                  + " cluster_id, cluster_method, cluster_version, created_at, finished_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?, ?, ?, 'fingerprint', ?, ?, ?)")) {
        for (int i = 1; i <= FAILURES; i++) {
          // A tenth of all failures are one long-lived flaky failure; the rest spread out.
          int problem = random.nextInt(10) == 0 ? 0 : random.nextInt(problems);
          IndexedFailure g = corpus.failure(i, problem, random);
          int builder = 1 + Math.floorMod(problem * 7 + random.nextInt(3), FlakyYear.BUILDERS);
          int n = 1 + random.nextInt(BUILDS_PER_BUILDER);
          int slot = (builder - 1) * BUILDS_PER_BUILDER + n;
          Instant time = finished(n);
          long t = time.toEpochMilli();
          if (perBuild[slot] == 0) {
            kindOf[slot] = g.kind().name();
            keyOf[slot] = g.keyLine();
          }
          f.setLong(1, buildId(builder, n));
          f.setInt(2, perBuild[slot]++);
          f.setString(3, g.kind().name());
          f.setString(4, g.testName());
          f.setString(5, g.testFile());
          f.setString(6, g.keyLine());
          f.setString(7, g.excerpt());
          f.setString(8, g.fingerprint());
          f.setString(9, g.normalizedText());
          f.setInt(10, Normalizer.VERSION);
          f.setLong(11, CLUSTER_BASE + problem);
          f.setInt(12, ClusterMatcher.VERSION);
          f.setTimestamp(13, new Timestamp(t));
          f.setTimestamp(14, new Timestamp(t));
          f.addBatch();
          if (clusterCount[problem]++ == 0) {
            clusterFirst[problem] = t;
            clusterLast[problem] = t;
            clusterTitle[problem] = g.keyLine() == null ? g.kind().name() : g.keyLine();
            clusterKind[problem] = g.kind().name();
            clusterPrint[problem] = g.fingerprint();
          }
          clusterFirst[problem] = Math.min(clusterFirst[problem], t);
          clusterLast[problem] = Math.max(clusterLast[problem], t);
          if (i % 10_000 == 0) {
            f.executeBatch();
          }
        }
        f.executeBatch();
      }
      try (PreparedStatement k =
          c.prepareStatement(
              "INSERT INTO clusters (id, kind, title, fingerprint, status, first_seen, last_seen,"
                  + " occurrences, created_at, updated_at) VALUES (?, ?, ?, ?, 'KNOWN', ?, ?, ?, ?,"
                  + " ?)")) {
        for (int p = 0; p < problems; p++) {
          if (clusterCount[p] == 0) {
            continue;
          }
          k.setLong(1, CLUSTER_BASE + p);
          k.setString(2, clusterKind[p]);
          k.setString(3, clusterTitle[p]);
          k.setString(4, clusterPrint[p]);
          k.setTimestamp(5, new Timestamp(clusterFirst[p]));
          k.setTimestamp(6, new Timestamp(clusterLast[p]));
          k.setLong(7, clusterCount[p]);
          k.setTimestamp(8, new Timestamp(clusterFirst[p]));
          k.setTimestamp(9, new Timestamp(clusterLast[p]));
          k.addBatch();
        }
        k.executeBatch();
      }
      try (PreparedStatement b =
              c.prepareStatement(
                  "INSERT INTO builds (id, builder_id, number, revision, branch, result,"
                      + " started_at, finished_at, worker_id, origin, ingested_at, reason)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'BUILDBOT', ?, 'generated (bench)')");
          PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO steps (id, build_id, number, name, result) VALUES (?, ?, 1, 'test', ?)");
          PreparedStatement v =
              c.prepareStatement(
                  "INSERT INTO build_verdicts (build_id, status, kind, reason, key_line,"
                      + " analyzer_version, analyzed_at) VALUES (?, 'FAILURE', ?, 'bench', ?, ?, ?)")) {
        for (int builder = 1; builder <= FlakyYear.BUILDERS; builder++) {
          for (int n = 1; n <= BUILDS_PER_BUILDER; n++) {
            int slot = (builder - 1) * BUILDS_PER_BUILDER + n;
            long id = buildId(builder, n);
            boolean failed = perBuild[slot] > 0;
            Timestamp at = new Timestamp(finished(n).toEpochMilli());
            b.setLong(1, id);
            b.setInt(2, builder);
            b.setInt(3, n + 1); // FlakyYear's build of each builder is number 1
            b.setString(4, HexFormat.of().toHexDigits(random.nextLong()) + "0".repeat(24));
            b.setString(5, FlakyYear.branch(builder - 1));
            b.setString(6, failed ? "FAILURE" : "SUCCESS");
            b.setTimestamp(7, new Timestamp(at.getTime() - 40 * 60_000));
            b.setTimestamp(8, at);
            b.setInt(9, builder);
            b.setTimestamp(10, at);
            b.addBatch();
            s.setLong(1, id);
            s.setLong(2, id);
            s.setString(3, failed ? "FAILURE" : "SUCCESS");
            s.addBatch();
            if (failed) {
              v.setLong(1, id);
              v.setString(2, kindOf[slot]);
              v.setString(3, keyOf[slot]);
              v.setInt(4, LogAnalyzer.VERSION);
              v.setTimestamp(5, at);
              v.addBatch();
            }
          }
          b.executeBatch();
          s.executeBatch();
          v.executeBatch();
        }
      }
      c.commit();
      c.setAutoCommit(true);
      try (var s = c.createStatement()) {
        s.execute("PRAGMA foreign_keys = ON");
      }
    }
  }

  /** A regrtest log of some thousand lines for the first failed builds of every builder. */
  private static void writeLogs(Database database) throws SQLException {
    LogStore logs = new LogStore(database.jdbi());
    database
        .jdbi()
        .useTransaction(
            h -> {
              var builds =
                  h.createQuery(
                          "SELECT f.build_id, f.excerpt FROM failures f WHERE f.ordinal = 0"
                              + " AND f.id % 500 = 0 ORDER BY f.id LIMIT :n")
                      .bind("n", LOGS)
                      .mapToMap()
                      .list();
              for (var row : builds) {
                long build = ((Number) row.get("build_id")).longValue();
                StringBuilder log = new StringBuilder();
                for (int t = 1; t <= 450; t++) {
                  log.append(
                      "0:%02d:%02d load avg: 1.20 [%3d/450] test_%03d passed%n"
                          .formatted(t / 60, t % 60, t, t));
                  if (t == 225) {
                    log.append(row.get("excerpt")).append('\n');
                  }
                }
                log.append("== Tests result: FAILURE ==\n");
                byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
                try {
                  logs.write(h, build, "stdio", () -> new ByteArrayInputStream(bytes));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }
            });
  }
}
