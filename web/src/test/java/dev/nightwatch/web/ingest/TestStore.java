package dev.nightwatch.web.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.IndexQueueDao;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureDocument;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.SourceKind;
import dev.nightwatch.schema.model.StepRecord;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.TestLogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A real store in a temporary directory, with its failure index, and builds to feed it. */
final class TestStore {
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  /** A regrtest failure of test_ftplib whose key line is {@code AssertionError: A != B}. */
  static String ftpLog(String a, String b) {
    return "0:00:01 load avg: 0.50 [1/2] test_ftplib\n" + TestLogs.ftpFailure(a, b);
  }

  /** A gcc error in {@code file}. */
  static String compileLog(String file, String name) {
    return """
        gcc -c -O2 -I./Include -o Objects/%1$s.o Objects/%1$s.c
        Objects/%1$s.c: In function 'f':
        Objects/%1$s.c:39:40: error: '%2$s' undeclared (first use in this function)
           39 |     return %2$s + 1;
              |            ^~~~
        make: *** [Makefile:2100: Objects/%1$s.o] Error 1
        """
        .formatted(file, name);
  }

  final Database database;
  final Path indexDir;
  FailureIndexer indexer;
  Store store;

  TestStore(Path dir) throws IOException {
    database = Database.open(dir, Duration.ofSeconds(10));
    database.migrate();
    indexDir = dir.resolve("index");
    openIndex();
  }

  /** Opens the index and reconciles it, as a server does on start. */
  FailureIndexer.Reconciliation openIndex() throws IOException {
    indexer = FailureIndexer.open(database.jdbi(), indexDir, 0.6, Clock.systemUTC());
    store = Store.over(database, Clock.systemUTC(), indexer);
    return indexer.reconcile();
  }

  /** A store over the same database whose process does not hold the index (its work queues). */
  Store withoutIndex() {
    return Store.over(database, Clock.systemUTC());
  }

  static BuildRecord build(String builder, int number, String log, Instant finished) {
    byte[] bytes = log.getBytes(UTF_8);
    return new BuildRecord(
        "buildbot.example",
        SourceKind.BUILDBOT,
        "http://buildbot.example/",
        builder,
        null,
        number,
        null,
        "0123abcd" + number,
        "main",
        "https://github.com/python/cpython",
        BuildResult.FAILURE,
        "failed",
        "scheduler",
        finished.minusSeconds(600),
        finished,
        null,
        "worker-" + builder.length(),
        List.of(),
        List.of(
            new StepRecord(
                5,
                "test",
                BuildResult.FAILURE,
                "failed",
                null,
                null,
                List.of(new LogRecord("stdio", () -> new ByteArrayInputStream(bytes))))));
  }

  long ingest(String builder, int number, String log, Instant finished) throws IOException {
    return store.ingest().ingest(build(builder, number, log, finished)).buildId();
  }

  List<FailureDocument> failures(long buildId) {
    return database
        .jdbi()
        .withExtension(
            FailureDao.class,
            d -> d.documents(d.listByBuild(buildId).stream().map(f -> f.id()).toList()));
  }

  FailureDocument failure(long buildId) {
    return failures(buildId).get(0);
  }

  Cluster cluster(long id) {
    return database.jdbi().withExtension(ClusterDao.class, d -> d.find(id)).orElseThrow();
  }

  long queued() {
    return database.jdbi().withExtension(IndexQueueDao.class, IndexQueueDao::count);
  }

  /** True when the index holds exactly the database's failures with their clusters. */
  boolean inStep() throws IOException {
    FailureDao.Sums db = database.jdbi().withExtension(FailureDao.class, FailureDao::sums);
    var index = indexer.index().checksum();
    return db.count() == index.count()
        && db.idSum() == index.idSum()
        && db.clusterSum() == index.clusterSum();
  }

  void close() throws IOException {
    indexer.close();
  }
}
