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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairwise precision and recall of clustering on the sample corpus: its duplicate groups are
 * duplicates and every other pair is not. Each failure also gets a perturbed twin — its small
 * numbers changed, which the normalizer does not mask, so the fingerprint differs and only the
 * similarity search can put the twin with its original.
 */
class ClusterQualityTest {
  private static final Pattern SMALL_NUMBER = Pattern.compile("(?<![\\w.])(\\d{1,2})(?![\\w.])");

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

    int truePairs = 0;
    int predictedPairs = 0;
    int correct = 0;
    int onlySimilarityJoins = 0;
    for (int i = 0; i < items.size(); i++) {
      for (int j = i + 1; j < items.size(); j++) {
        boolean duplicate = items.get(i).group().equals(items.get(j).group());
        boolean together = clusters.get(i).equals(clusters.get(j));
        truePairs += duplicate ? 1 : 0;
        boolean sameFingerprint =
            Fingerprint.of(items.get(i).finding()).equals(Fingerprint.of(items.get(j).finding()));
        onlySimilarityJoins += duplicate && !sameFingerprint ? 1 : 0;
        predictedPairs += together ? 1 : 0;
        correct += duplicate && together ? 1 : 0;
      }
    }
    double precision = predictedPairs == 0 ? 1 : (double) correct / predictedPairs;
    double recall = (double) correct / truePairs;
    System.out.printf(
        "cluster quality on %d failures: precision %.3f, recall %.3f (%d duplicate pairs, %d of"
            + " them with different fingerprints)%n",
        items.size(), precision, recall, truePairs, onlySimilarityJoins);

    // Not vacuous: several duplicates can only be joined by the similarity search.
    assertThat(onlySimilarityJoins).isGreaterThanOrEqualTo(5);
    assertThat(precision).isGreaterThanOrEqualTo(0.98);
    assertThat(recall).isGreaterThanOrEqualTo(0.90);
  }

  /** The same failure with its one- and two-digit numbers changed, in key line and excerpt. */
  private static FailureFinding perturbed(FailureFinding f) {
    return new FailureFinding(
        f.kind(),
        f.testName(),
        f.testFile(),
        bump(f.keyLine()),
        f.lineNumber() + 7,
        bump(f.excerpt()),
        f.rule(),
        f.flaky());
  }

  private static String bump(String text) {
    Matcher m = SMALL_NUMBER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, String.valueOf((Integer.parseInt(m.group(1)) + 3) % 97));
    }
    return m.appendTail(out).toString();
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
