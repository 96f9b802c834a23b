package dev.nightwatch.analyzer.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightwatch.analyzer.FailureFinding;
import dev.nightwatch.analyzer.LogAnalysis;
import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.fingerprint.Fingerprint;
import dev.nightwatch.analyzer.fingerprint.Normalizer;
import dev.nightwatch.analyzer.log.LogFormat;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairwise precision and recall of clustering on the sample corpus: its duplicate groups are
 * duplicates and every other pair is not. Each failure also gets a perturbed twin — its small
 * numbers changed, which the normalizer does not mask, so the fingerprint differs and only the
 * similarity search can put the twin with its original.
 */
class ClusterQualityTest {
  @TempDir Path dir;

  private record Item(String group, FailureFinding finding) {}

  @Test
  void clustersTheCorpusWithHighPrecisionAndRecall() throws Exception {
    List<Item> items = new ArrayList<>();
    JsonNode manifest;
    try (InputStream in = getClass().getResourceAsStream("/corpus/manifest.json")) {
      manifest = new ObjectMapper().readTree(in);
    }
    for (JsonNode entry : manifest.get("entries")) {
      LogAnalysis analysis;
      try (InputStream in =
          getClass().getResourceAsStream("/corpus/" + entry.get("file").asText())) {
        analysis = new LogAnalyzer().analyze(in, LogFormat.AUTO);
      }
      if (analysis.failures().isEmpty()) {
        continue;
      }
      String group =
          entry.get("duplicate_group").isNull()
              ? entry.get("file").asText()
              : entry.get("duplicate_group").asText();
      FailureFinding f = analysis.failures().get(0);
      items.add(new Item(group, f));
      FailureFinding twin = perturbed(f);
      if (!twin.keyLine().equals(f.keyLine())) {
        items.add(new Item(group, twin));
      }
    }

    List<Long> clusters = new ArrayList<>();
    long nextCluster = 1;
    try (FailureIndex index = FailureIndex.open(dir)) {
      ClusterMatcher matcher = new ClusterMatcher(index, ClusterMatcher.DEFAULT_THRESHOLD);
      for (int i = 0; i < items.size(); i++) {
        IndexedFailure f = indexed(i, items.get(i).finding(), null);
        ClusterMatcher.Match match = matcher.match(f);
        long cluster = match.isNew() ? nextCluster++ : match.clusterId();
        clusters.add(cluster);
        index.upsert(indexed(i, items.get(i).finding(), cluster));
        index.refresh();
      }
    }

    List<PairwiseQuality.Placed> placed = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      placed.add(
          new PairwiseQuality.Placed(
              items.get(i).group(), clusters.get(i), Fingerprint.of(items.get(i).finding())));
    }
    PairwiseQuality quality = PairwiseQuality.of(placed);
    System.out.println("cluster quality: " + quality);

    // Not vacuous: several duplicates can only be joined by the similarity search.
    assertThat(quality.joinedBySimilarity()).isGreaterThanOrEqualTo(5);
    assertThat(quality.precision()).isGreaterThanOrEqualTo(0.98);
    assertThat(quality.recall()).isGreaterThanOrEqualTo(0.90);
  }

  /** The same failure with its one- and two-digit numbers changed, in key line and excerpt. */
  private static FailureFinding perturbed(FailureFinding f) {
    return new FailureFinding(
        f.kind(),
        f.testName(),
        f.testFile(),
        PairwiseQuality.perturbed(f.keyLine()),
        f.lineNumber() + 7,
        PairwiseQuality.perturbed(f.excerpt()),
        f.rule(),
        f.flaky());
  }

  static IndexedFailure indexed(long id, FailureFinding f, Long cluster) {
    String normalized = Normalizer.normalizeText(f.excerpt());
    return new IndexedFailure(
        id,
        id,
        cluster,
        f.kind(),
        f.testFile(),
        f.testName(),
        "builder",
        "worker",
        "main",
        "rev",
        Instant.parse("2026-11-01T00:00:00Z").plusSeconds(id),
        Fingerprint.of(f),
        normalized,
        f.keyLine(),
        f.excerpt());
  }
}
