package dev.nightwatch.web.ingest;

import static dev.nightwatch.web.ingest.TestStore.T0;
import static dev.nightwatch.web.ingest.TestStore.compileLog;
import static dev.nightwatch.web.ingest.TestStore.ftpLog;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.analyzer.dedup.SearchRequest;
import dev.nightwatch.schema.model.ClusterStatus;
import dev.nightwatch.schema.model.FailureDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clustering and indexing at ingest, over a real SQLite file and a real Lucene directory. */
class FailureIndexerTest {
  @TempDir Path dir;
  private TestStore t;

  @BeforeEach
  void open() throws Exception {
    t = new TestStore(dir);
  }

  @AfterEach
  void close() throws Exception {
    t.close();
  }

  @Nested
  class AtIngest {
    @Test
    void repeatsOfAFailureJoinOneClusterByFingerprint() throws Exception {
      FailureDocument first =
          t.failure(t.ingest("AMD64 Debian 3.x", 1, ftpLog("12019", "12018"), T0));
      FailureDocument again =
          t.failure(t.ingest("s390x RHEL7 3.x", 7, ftpLog("12020", "12018"), T0.plusSeconds(60)));

      assertThat(first.clusterMethod()).isEqualTo("new");
      assertThat(again.clusterId()).isEqualTo(first.clusterId());
      assertThat(again.clusterMethod()).isEqualTo("fingerprint");
      assertThat(again.clusterMatchId()).isEqualTo(first.id());
      assertThat(again.normalizedText()).contains("AssertionError: N != N");
      assertThat(again.clusterVersion()).isEqualTo(1);
      var cluster = t.cluster(first.clusterId());
      assertThat(cluster.occurrences()).isEqualTo(2);
      assertThat(cluster.status()).isEqualTo(ClusterStatus.KNOWN);
      assertThat(cluster.title()).isEqualTo("AssertionError: 12019 != 12018");
      assertThat(cluster.firstSeen()).isEqualTo(T0);
      assertThat(cluster.lastSeen()).isEqualTo(T0.plusSeconds(60));
      assertThat(t.inStep()).isTrue();
      assertThat(t.queued()).isZero();
    }

    @Test
    void aNearDuplicateWithAnotherFingerprintJoinsBySimilarity() throws Exception {
      FailureDocument first = t.failure(t.ingest("A", 1, ftpLog("19", "18"), T0));
      FailureDocument twin = t.failure(t.ingest("B", 2, ftpLog("17", "18"), T0.plusSeconds(1)));

      assertThat(twin.fingerprint()).isNotEqualTo(first.fingerprint());
      assertThat(twin.clusterId()).isEqualTo(first.clusterId());
      assertThat(twin.clusterMethod()).isEqualTo("bm25");
      assertThat(twin.clusterScore()).isBetween(0.6, 1.0);
      assertThat(twin.clusterMatchId()).isEqualTo(first.id());
    }

    @Test
    void anUnrelatedFailureFoundsItsOwnNewCluster() throws Exception {
      FailureDocument ftp = t.failure(t.ingest("A", 1, ftpLog("19", "18"), T0));
      FailureDocument cc = t.failure(t.ingest("A", 2, compileLog("longobject", "cary"), T0));

      assertThat(cc.clusterId()).isNotEqualTo(ftp.clusterId());
      assertThat(cc.clusterMethod()).isEqualTo("new");
      assertThat(t.cluster(cc.clusterId()).status()).isEqualTo(ClusterStatus.NEW);
    }

    @Test
    void reanalysingABuildReplacesItsFailuresInTheIndexAndTheCounts() throws Exception {
      long build = t.ingest("A", 1, ftpLog("19", "18"), T0);
      long ftpCluster = t.failure(build).clusterId();

      t.ingest("A", 1, compileLog("longobject", "cary"), T0);

      assertThat(t.failures(build)).hasSize(1);
      assertThat(t.failure(build).kind().name()).isEqualTo("COMPILE_ERROR");
      assertThat(t.cluster(ftpCluster).occurrences()).isZero();
      assertThat(t.indexer.index().search(SearchRequest.of("AssertionError")).totalHits()).isZero();
      assertThat(t.inStep()).isTrue();
    }

    @Test
    void ingestingTheSameBuildAgainChangesNothing() throws Exception {
      long build = t.ingest("A", 1, ftpLog("19", "18"), T0);
      FailureDocument before = t.failure(build);

      t.ingest("A", 1, ftpLog("19", "18"), T0);

      assertThat(t.failure(build)).isEqualTo(before);
      assertThat(t.cluster(before.clusterId()).occurrences()).isEqualTo(1);
    }
  }

  @Nested
  class Recovery {
    @Test
    void failuresStoredWhileAnotherProcessHeldTheIndexAreClusteredOnTheNextDrain()
        throws Exception {
      long build =
          t.withoutIndex().ingest().ingest(TestStore.build("A", 1, ftpLog("1", "2"), T0)).buildId();
      assertThat(t.failure(build).clusterId()).isNull();
      assertThat(t.queued()).isEqualTo(1);

      t.indexer.drain();

      assertThat(t.failure(build).clusterId()).isNotNull();
      assertThat(t.queued()).isZero();
      assertThat(t.inStep()).isTrue();
    }

    @Test
    void aLostIndexIsDetectedAndRebuiltFromTheDatabase() throws Exception {
      t.ingest("A", 1, ftpLog("19", "18"), T0);
      t.ingest("B", 2, compileLog("longobject", "cary"), T0);
      t.close();
      deleteTree(t.indexDir);

      FailureIndexer.Reconciliation r = t.openIndex();

      assertThat(r.action()).isEqualTo("rebuilt");
      assertThat(t.inStep()).isTrue();
      assertThat(t.indexer.index().search(SearchRequest.of("undeclared")).totalHits()).isEqualTo(1);
    }

    @Test
    void indexWorkLostInACrashAfterTheDatabaseCommittedIsRedoneOnRestart() throws Exception {
      long build =
          t.withoutIndex()
              .ingest()
              .ingest(TestStore.build("A", 1, ftpLog("19", "18"), T0))
              .buildId();
      // The clusters are committed to the database, the index changes are not: then the crash.
      t.indexer.drainOneBatchWithoutCommitting();
      long cluster = t.failure(build).clusterId();
      t.indexer.abandon();

      FailureIndexer.Reconciliation r = t.openIndex();

      assertThat(r.action()).isEqualTo("in step");
      assertThat(t.failure(build).clusterId()).isEqualTo(cluster);
      assertThat(t.queued()).isZero();
      assertThat(t.inStep()).isTrue();
    }

    @Test
    void placementsOfAnotherVersionAreReclusteredKeepingClusterIdsAndIssueLinks() throws Exception {
      FailureDocument a = t.failure(t.ingest("A", 1, ftpLog("12019", "12018"), T0));
      t.ingest("B", 2, ftpLog("12020", "12018"), T0.plusSeconds(5));
      FailureDocument cc = t.failure(t.ingest("B", 3, compileLog("longobject", "cary"), T0));
      new ClusterActions(t.indexer, java.time.Clock.systemUTC())
          .linkIssue(a.clusterId(), "https://github.com/python/cpython/issues/109845", "alice");
      t.database.jdbi().useHandle(h -> h.execute("UPDATE failures SET normalization_version = 0"));
      t.close();

      FailureIndexer.Reconciliation r = t.openIndex();

      assertThat(r.action()).isEqualTo("re-clustered");
      FailureDocument after = t.failure(a.buildId());
      assertThat(after.clusterId()).isEqualTo(a.clusterId());
      assertThat(after.normalizationVersion()).isEqualTo(1);
      assertThat(t.failure(cc.buildId()).clusterId()).isEqualTo(cc.clusterId());
      assertThat(t.cluster(a.clusterId()).occurrences()).isEqualTo(2);
      assertThat(t.cluster(a.clusterId()).issueUrl()).endsWith("/issues/109845");
      assertThat(t.inStep()).isTrue();
    }
  }

  static void deleteTree(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
