package dev.nightwatch.analyzer.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.model.FailureKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureIndexTest {
  @TempDir Path dir;
  private FailureIndex index;

  @BeforeEach
  void fill() throws Exception {
    index = FailureIndex.open(dir);
    index.upsert(
        failure(
            1,
            10L,
            FailureKind.TEST_FAILURE,
            "test_ftplib",
            "AMD64 Debian PGO 3.x",
            "2026-11-01T10:00:00Z",
            "fp-ftp",
            "AssertionError: 12019 != 12018"));
    index.upsert(
        failure(
            2,
            20L,
            FailureKind.COMPILE_ERROR,
            null,
            "ARM64 macOS 3.x",
            "2026-11-10T10:00:00Z",
            "fp-cc",
            "Objects/longobject.c:39:40: error: 'cary' undeclared"));
    index.upsert(
        failure(
            3,
            10L,
            FailureKind.TEST_FAILURE,
            "test_ftplib",
            "s390x RHEL7 Refleaks 3.x",
            "2026-11-20T10:00:00Z",
            "fp-ftp",
            "AssertionError: 12020 != 12018"));
    index.commit();
  }

  @AfterEach
  void close() throws Exception {
    index.close();
  }

  private static IndexedFailure failure(
      long id,
      Long cluster,
      FailureKind kind,
      String test,
      String builder,
      String time,
      String fingerprint,
      String keyLine) {
    return new IndexedFailure(
        id,
        100 + id,
        cluster,
        kind,
        test,
        test == null ? null : test + ".T.t",
        builder,
        "worker-" + id,
        "main",
        "abc" + id,
        Instant.parse(time),
        fingerprint,
        keyLine.replaceAll("\\d{3,}", "N"),
        keyLine,
        "Traceback…\n" + keyLine);
  }

  private List<Long> ids(String query) throws Exception {
    return index.search(query, 0, 10).stream().map(SearchHit::failureId).toList();
  }

  @Test
  void findsFailuresByTheirTextBestFirst() throws Exception {
    assertThat(ids("AssertionError")).containsExactlyInAnyOrder(1L, 3L);
    assertThat(ids("cary undeclared")).containsExactly(2L);
    assertThat(ids("")).hasSize(3);
  }

  @Test
  void filtersByField() throws Exception {
    assertThat(ids("builder:debian")).containsExactly(1L);
    assertThat(ids("builder:\"ARM64 macOS 3.x\"")).containsExactly(2L);
    assertThat(ids("kind:COMPILE_ERROR")).containsExactly(2L);
    assertThat(ids("test:test_ftplib AND builder:refleaks")).containsExactly(3L);
    assertThat(ids("worker:worker-3")).containsExactly(3L);
    assertThat(ids("branch:main")).hasSize(3);
  }

  @Test
  void filtersByDateRange() throws Exception {
    assertThat(ids("time:[2026-11-05 TO 2026-11-15]")).containsExactly(2L);
    assertThat(ids("time:[2026-11-10 TO *] AND kind:test_failure")).containsExactly(3L);
  }

  @Test
  void aMalformedQueryIsRefusedWithTheParsersMessage() {
    assertThatThrownBy(() -> index.search("builder:(debian", 0, 10))
        .isInstanceOf(BadQueryException.class)
        .hasMessageContaining("Cannot parse");
    assertThatThrownBy(() -> index.search("time:[yesterday TO *]", 0, 10))
        .isInstanceOf(BadQueryException.class)
        .hasMessageContaining("time must be a date");
  }

  @Test
  void upsertingReplacesTheFailuresDocument() throws Exception {
    index.upsert(
        failure(
            2,
            21L,
            FailureKind.COMPILE_ERROR,
            null,
            "ARM64 macOS 3.x",
            "2026-11-10T10:00:00Z",
            "fp-cc",
            "Modules/x.c:1:2: error: 'carry' redeclared"));
    index.refresh();

    assertThat(index.count()).isEqualTo(3);
    assertThat(ids("cary")).isEmpty();
    assertThat(ids("redeclared")).containsExactly(2L);
    assertThat(index.search("redeclared", 0, 1).get(0).clusterId()).isEqualTo(21L);
  }

  @Test
  void findsTheClusterOfAFingerprint() throws Exception {
    assertThat(index.withFingerprint("fp-ftp")).map(FailureIndex.Similar::clusterId).contains(10L);
    assertThat(index.withFingerprint("fp-unknown")).isEmpty();
  }

  @Test
  void pagesThroughHits() throws Exception {
    List<SearchHit> all = index.search("", 0, 10);

    assertThat(index.search("", 1, 1)).containsExactly(all.get(1));
    assertThat(index.search("", 3, 5)).isEmpty();
  }

  @Test
  void survivesAReopen() throws Exception {
    index.delete(1);
    index.commit();
    index.close();

    index = FailureIndex.open(dir);

    assertThat(index.count()).isEqualTo(2);
    assertThat(ids("AssertionError")).containsExactly(3L);
  }

  @Test
  void aNearDuplicateScoresHighAndAnUnrelatedFailureIsNotACandidate() throws Exception {
    IndexedFailure again =
        failure(
            9,
            null,
            FailureKind.TEST_FAILURE,
            "test_ftplib",
            "PPC64LE Fedora 3.x",
            "2026-11-21T10:00:00Z",
            "fp-other",
            "AssertionError: 12019 != 12018");

    List<FailureIndex.Similar> similar = index.similar(again, 10);

    assertThat(similar)
        .extracting(FailureIndex.Similar::failureId)
        .containsExactlyInAnyOrder(1L, 3L);
    assertThat(similar).allSatisfy(s -> assertThat(s.score()).isGreaterThan(0.9));
  }

  @Test
  void candidatesMustBeOfTheSameKind() throws Exception {
    IndexedFailure compile =
        failure(
            9,
            null,
            FailureKind.COMPILE_ERROR,
            null,
            "x",
            "2026-11-21T10:00:00Z",
            "fp-9",
            "AssertionError: 12019 != 12018");

    assertThat(index.similar(compile, 10))
        .extracting(FailureIndex.Similar::failureId)
        .doesNotContain(1L, 3L);
  }

  @Test
  void groupsHitsByClusterWithFacetCountsOverAllHits() throws Exception {
    SearchPage page = index.search(SearchRequest.of("AssertionError"));

    assertThat(page.totalHits()).isEqualTo(2);
    assertThat(page.totalClusters()).isEqualTo(1);
    assertThat(page.clusters()).hasSize(1);
    SearchPage.ClusterHits cluster = page.clusters().get(0);
    assertThat(cluster.clusterId()).isEqualTo(10L);
    assertThat(cluster.hits()).isEqualTo(2);
    assertThat(cluster.top()).extracting(SearchHit::failureId).containsExactlyInAnyOrder(1L, 3L);
    assertThat(page.facets().get("builder"))
        .containsExactlyInAnyOrder(
            new SearchPage.Count("AMD64 Debian PGO 3.x", 1),
            new SearchPage.Count("s390x RHEL7 Refleaks 3.x", 1));
    assertThat(page.facets().get("kind")).containsExactly(new SearchPage.Count("test_failure", 2));
  }

  @Test
  void pagesThroughClusters() throws Exception {
    SearchRequest first = new SearchRequest("", Map.of(), null, null, 0, 1, 3);
    SearchRequest second = new SearchRequest("", Map.of(), null, null, 1, 1, 3);

    SearchPage a = index.search(first);
    SearchPage b = index.search(second);

    assertThat(a.totalClusters()).isEqualTo(2);
    assertThat(a.clusters()).hasSize(1);
    assertThat(b.clusters()).hasSize(1);
    assertThat(a.clusters().get(0).clusterId()).isNotEqualTo(b.clusters().get(0).clusterId());
    assertThat(index.search(new SearchRequest("", Map.of(), null, null, 2, 1, 3)).clusters())
        .isEmpty();
  }

  @Test
  void highlightsTheMatchedWordsAsFragmentsOfTheVerbatimText() throws Exception {
    SearchHit hit = index.search(SearchRequest.of("undeclared")).clusters().get(0).top().get(0);

    assertThat(hit.keyLine())
        .contains(new SearchHit.Fragment("undeclared", true))
        .extracting(SearchHit.Fragment::text)
        .containsExactly("Objects/longobject.c:39:40: error: 'cary' ", "undeclared");
    assertThat(hit.excerpt()).contains(new SearchHit.Fragment("undeclared", true));
  }

  @Test
  void exactFiltersAndTimeRangesNarrowTheSearch() throws Exception {
    SearchRequest onBuilder =
        new SearchRequest("", Map.of("builder", "s390x RHEL7 Refleaks 3.x"), null, null, 0, 10, 3);
    SearchRequest inRange =
        new SearchRequest(
            "",
            Map.of("kind", "TEST_FAILURE"),
            Instant.parse("2026-11-15T00:00:00Z"),
            null,
            0,
            10,
            3);

    assertThat(index.search(onBuilder).totalHits()).isEqualTo(1);
    assertThat(index.search(inRange).clusters().get(0).top())
        .extracting(SearchHit::failureId)
        .containsExactly(3L);
    assertThatThrownBy(
            () -> index.search(new SearchRequest("", Map.of("colour", "red"), null, null, 0, 1, 1)))
        .isInstanceOf(BadQueryException.class)
        .hasMessageContaining("no such filter");
  }

  @Test
  void moreLikeThisFindsTheOthersOfAFailureButNotItself() throws Exception {
    SearchPage like = index.moreLikeThis(1, SearchRequest.of(""));

    assertThat(like.clusters())
        .flatExtracting(SearchPage.ClusterHits::top)
        .extracting(SearchHit::failureId)
        .containsExactly(3L);
    assertThat(index.moreLikeThis(999, SearchRequest.of("")).totalHits()).isZero();
  }

  @Test
  void theChecksumSumsIdsAndClusters() throws Exception {
    assertThat(index.checksum()).isEqualTo(new FailureIndex.Checksum(3, 1 + 2 + 3, 10 + 20 + 10));

    index.delete(2);

    assertThat(index.checksum()).isEqualTo(new FailureIndex.Checksum(2, 1 + 3, 10 + 10));
  }

  @Test
  void aSecondWriterIsRefusedWithAClearError() {
    assertThatThrownBy(() -> FailureIndex.open(dir))
        .isInstanceOf(FailureIndex.BusyException.class)
        .hasMessageContaining("open in another Nightwatch process");
  }

  @Test
  void changesWrittenButNotCommittedAreLostWhenAbandoned() throws Exception {
    index.delete(1);
    assertThat(index.count()).isEqualTo(2);

    index.abandon();
    index = FailureIndex.open(dir);

    assertThat(index.count()).isEqualTo(3);
  }

  @Test
  void aCompileErrorIsOnlyComparedWithDiagnosticsOfTheSameSourceFile() throws Exception {
    IndexedFailure sameFile =
        failure(
            9,
            null,
            FailureKind.COMPILE_ERROR,
            null,
            "x",
            "2026-11-21T10:00:00Z",
            "fp-9",
            "Objects/longobject.c:41:2: error: 'carry' undeclared");
    IndexedFailure otherFile =
        failure(
            10,
            null,
            FailureKind.COMPILE_ERROR,
            null,
            "x",
            "2026-11-21T10:00:00Z",
            "fp-10",
            "Objects/listobject.c:39:40: error: 'cary' undeclared");

    assertThat(index.similar(sameFile, 10))
        .extracting(FailureIndex.Similar::failureId)
        .contains(2L);
    assertThat(index.similar(otherFile, 10)).isEmpty();
    assertThat(FailureFields.sourceFile("..\\PC\\winreg.c(12): error C2065: 'x'"))
        .isEqualTo("winreg.c");
    assertThat(FailureFields.sourceFile("collect2: error: ld returned 1 exit status")).isNull();
  }

  @Test
  void failuresNotClusteredYetAreFoundAsAGroupOfTheirOwn() throws Exception {
    index.upsert(
        failure(
            7,
            null,
            FailureKind.CRASH,
            null,
            "x",
            "2026-11-22T10:00:00Z",
            "fp-7",
            "Fatal Python error: Segmentation fault"));

    SearchPage page = index.search(SearchRequest.of("Segmentation"));

    assertThat(page.clusters()).hasSize(1);
    assertThat(page.clusters().get(0).clusterId()).isNull();
    assertThat(page.clusters().get(0).top()).extracting(SearchHit::failureId).containsExactly(7L);
    assertThat(page.totalClusters()).isEqualTo(1);
  }
}
