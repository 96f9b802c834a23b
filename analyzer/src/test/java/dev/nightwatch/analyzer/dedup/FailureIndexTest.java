package dev.nightwatch.analyzer.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.model.FailureKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
    assertThat(index.clusterOf("fp-ftp")).contains(10L);
    assertThat(index.clusterOf("fp-unknown")).isEmpty();
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
}
