package dev.nightwatch.web.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightwatch.analyzer.dedup.PairwiseQuality;
import dev.nightwatch.schema.model.FailureDocument;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairwise precision and recall of the whole pipeline — analysis, fingerprints, similarity, the
 * stored clusters — on the real sample logs (the manifest's duplicate groups are duplicates, every
 * other pair is not), each log also ingested as a twin whose small numbers all changed, as another
 * run of the same failure would have them: only the similarity search can pair most twins.
 */
class ClusteringQualityIT {
  @TempDir Path dir;

  private record Placed(String group, FailureDocument failure) {}

  @Test
  void theStoredClustersPairDuplicatesAndNothingElse() throws Exception {
    JsonNode manifest;
    try (InputStream in = getClass().getResourceAsStream("/corpus-manifest.json")) {
      manifest = new ObjectMapper().readTree(in);
    }
    TestStore t = new TestStore(dir);
    List<Placed> placed = new ArrayList<>();
    int number = 0;
    try {
      for (JsonNode entry : manifest.get("entries")) {
        String file = entry.get("file").asText();
        String group =
            entry.get("duplicate_group").isNull() ? file : entry.get("duplicate_group").asText();
        String log;
        try (InputStream in = getClass().getResourceAsStream("/demo/logs/cpython-issues/" + file)) {
          log = new String(in.readAllBytes(), UTF_8);
        }
        for (String text : List.of(log, PairwiseQuality.perturbed(log))) {
          long build =
              t.ingest("builder-" + number, ++number, text, TestStore.T0.plusSeconds(number));
          List<FailureDocument> failures = t.failures(build);
          if (!failures.isEmpty()) {
            placed.add(new Placed(group, failures.get(0)));
          }
        }
      }
      assertThat(t.inStep()).isTrue();
    } finally {
      t.close();
    }

    PairwiseQuality quality =
        PairwiseQuality.of(
            placed.stream()
                .map(
                    p ->
                        new PairwiseQuality.Placed(
                            p.group(), p.failure().clusterId(), p.failure().fingerprint()))
                .toList());
    System.out.println("pipeline cluster quality: " + quality);
    // Not vacuous: some twins have another fingerprint, and only similarity can pair them.
    assertThat(quality.joinedBySimilarity()).isGreaterThanOrEqualTo(3);
    assertThat(quality.precision()).isGreaterThanOrEqualTo(0.98);
    assertThat(quality.recall()).isGreaterThanOrEqualTo(0.90);
  }
}
