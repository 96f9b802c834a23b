package dev.nightwatch.web.ingest;

import static dev.nightwatch.web.ingest.TestStore.T0;
import static dev.nightwatch.web.ingest.TestStore.compileLog;
import static dev.nightwatch.web.ingest.TestStore.ftpLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.dao.TriageRuleDao;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.ClusterStatus;
import dev.nightwatch.schema.model.FailureDocument;
import dev.nightwatch.schema.model.TriageAction;
import dev.nightwatch.schema.model.TriageRule;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triagers' actions: their effect now, on failures to come, and after reindex and re-clustering.
 */
class ClusterActionsTest {
  @TempDir Path dir;
  private TestStore t;
  private ClusterActions actions;

  @BeforeEach
  void open() throws Exception {
    t = new TestStore(dir);
    actions = new ClusterActions(t.indexer, Clock.systemUTC());
  }

  @AfterEach
  void close() throws Exception {
    t.close();
  }

  private List<TriageRule> rules(long cluster) {
    return t.database.jdbi().withExtension(TriageRuleDao.class, d -> d.forCluster(cluster));
  }

  @Nested
  class Merge {
    @Test
    void movesTheFailuresAndSendsTheirRepeatsToTheTargetAfterReclustering() throws Exception {
      FailureDocument a = t.failure(t.ingest("A", 1, compileLog("longobject", "cary"), T0));
      FailureDocument b = t.failure(t.ingest("A", 2, compileLog("listobject", "size"), T0));
      assertThat(b.clusterId()).isNotEqualTo(a.clusterId());

      Cluster merged = actions.merge(b.clusterId(), a.clusterId(), "alice", "same typo wave");

      assertThat(merged.id()).isEqualTo(a.clusterId());
      assertThat(merged.occurrences()).isEqualTo(2);
      assertThat(t.cluster(b.clusterId()).mergedInto()).isEqualTo(a.clusterId());
      assertThat(t.failure(b.buildId()).clusterMethod()).isEqualTo("merged");
      assertThat(rules(a.clusterId()))
          .extracting(TriageRule::action, TriageRule::actor, TriageRule::note)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(TriageAction.MERGE, "alice", "same typo wave"));
      assertThat(t.inStep()).isTrue();

      FailureDocument later =
          t.failure(t.ingest("C", 3, compileLog("listobject", "size"), T0.plusSeconds(60)));
      assertThat(later.clusterId()).isEqualTo(a.clusterId());

      t.indexer.recluster();
      assertThat(t.failure(b.buildId()).clusterId()).isEqualTo(a.clusterId());
      assertThat(t.failure(later.buildId()).clusterId()).isEqualTo(a.clusterId());
      assertThat(t.cluster(a.clusterId()).occurrences()).isEqualTo(3);
    }

    @Test
    void refusesAClusterIntoItselfAndUnknownClusters() throws Exception {
      FailureDocument a = t.failure(t.ingest("A", 1, compileLog("longobject", "cary"), T0));

      assertThatThrownBy(() -> actions.merge(a.clusterId(), a.clusterId(), "alice", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("into itself");
      assertThatThrownBy(() -> actions.merge(a.clusterId(), 999, "alice", null))
          .isInstanceOf(NoSuchElementException.class)
          .hasMessage("no cluster 999");
    }
  }

  @Nested
  class Split {
    @Test
    void pinsTheSplitSignaturesToTheNewClusterNowLaterAndAfterReclustering() throws Exception {
      FailureDocument a = t.failure(t.ingest("A", 1, ftpLog("19", "18"), T0));
      FailureDocument twin = t.failure(t.ingest("B", 2, ftpLog("17", "18"), T0.plusSeconds(1)));
      assertThat(twin.clusterId()).isEqualTo(a.clusterId());

      Cluster split = actions.split(a.clusterId(), List.of(twin.id()), "bob", "another bug");

      assertThat(split.id()).isNotEqualTo(a.clusterId());
      assertThat(split.title()).isEqualTo("AssertionError: 17 != 18");
      assertThat(t.failure(twin.buildId()).clusterId()).isEqualTo(split.id());
      assertThat(t.cluster(a.clusterId()).occurrences()).isEqualTo(1);
      FailureDocument later = t.failure(t.ingest("C", 3, ftpLog("17", "18"), T0.plusSeconds(60)));
      assertThat(later.clusterId()).isEqualTo(split.id());
      assertThat(later.clusterMethod()).isEqualTo("pinned");

      t.indexer.rebuild();
      t.indexer.recluster();

      assertThat(t.failure(a.buildId()).clusterId()).isEqualTo(a.clusterId());
      assertThat(t.failure(twin.buildId()).clusterId()).isEqualTo(split.id());
      assertThat(t.failure(later.buildId()).clusterId()).isEqualTo(split.id());
      assertThat(t.inStep()).isTrue();
    }

    @Test
    void refusesToEmptyAClusterOrTakeAFailureFromAnother() throws Exception {
      FailureDocument a = t.failure(t.ingest("A", 1, ftpLog("19", "18"), T0));
      FailureDocument cc = t.failure(t.ingest("A", 2, compileLog("longobject", "cary"), T0));

      assertThatThrownBy(() -> actions.split(a.clusterId(), List.of(a.id()), "bob", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
      assertThatThrownBy(() -> actions.split(a.clusterId(), List.of(cc.id()), "bob", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not in cluster");
      assertThatThrownBy(() -> actions.split(a.clusterId(), List.of(12345L), "bob", null))
          .isInstanceOf(NoSuchElementException.class);
    }
  }

  @Nested
  class IssuesAndFixes {
    @Test
    void linksAnIssueAndRefusesWhatIsNotAWebAddress() throws Exception {
      FailureDocument a = t.failure(t.ingest("A", 1, ftpLog("19", "18"), T0));

      Cluster linked =
          actions.linkIssue(a.clusterId(), "https://github.com/python/cpython/issues/1", "carol");

      assertThat(linked.issueUrl()).isEqualTo("https://github.com/python/cpython/issues/1");
      assertThatThrownBy(() -> actions.linkIssue(a.clusterId(), "javascript:alert(1)", "carol"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("http or https");
      assertThat(actions.linkIssue(a.clusterId(), " ", "carol").issueUrl()).isNull();
    }

    @Test
    void aFixedClusterReopensOnAFailureAfterTheFix() throws Exception {
      FailureDocument a = t.failure(t.ingest("A", 1, ftpLog("19", "18"), T0));
      Cluster fixed = actions.markFixed(a.clusterId(), "dave", "fixed in gh-1");
      assertThat(fixed.status()).isEqualTo(ClusterStatus.FIXED);
      assertThat(fixed.fixedAt()).isNotNull();

      t.ingest("B", 2, ftpLog("19", "18"), fixed.fixedAt().plusSeconds(3600));

      assertThat(t.cluster(a.clusterId()).status()).isEqualTo(ClusterStatus.KNOWN);
      assertThat(rules(a.clusterId()))
          .extracting(TriageRule::action)
          .containsExactly(TriageAction.MARK_FIXED);
    }

    @Test
    void anOlderFailureImportedLateLeavesAFixAlone() throws Exception {
      FailureDocument a = t.failure(t.ingest("A", 1, ftpLog("19", "18"), T0));
      Cluster fixed = actions.markFixed(a.clusterId(), "dave", null);

      t.ingest("B", 2, ftpLog("19", "18"), T0.minusSeconds(3600));

      assertThat(t.cluster(a.clusterId()).status()).isEqualTo(ClusterStatus.FIXED);
      assertThat(actions.reopen(fixed.id(), "dave", null).status()).isEqualTo(ClusterStatus.KNOWN);
    }
  }
}
