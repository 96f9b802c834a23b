package dev.nightwatch.web.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightwatch.schema.model.FailureDocument;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairwise precision and recall of the whole pipeline — analysis, fingerprints, similarity, the
 * stored clusters — on the real sample logs (the manifest's duplicate groups are duplicates, every
 * other pair is not), each log also ingested as a twin whose small numbers all changed, as another
 * run of the same failure would have them: only the similarity search can pair most twins.
 */
class ClusteringQualityIT {
  private static final Pattern SMALL = Pattern.compile("(?<![\\w.])(\\d{1,2})(?![\\w.])");

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
        for (String text : List.of(log, twin(log))) {
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

    int duplicates = 0;
    int together = 0;
    int right = 0;
    int bySimilarity = 0;
    for (int i = 0; i < placed.size(); i++) {
      for (int j = i + 1; j < placed.size(); j++) {
        boolean duplicate = placed.get(i).group().equals(placed.get(j).group());
        boolean same =
            placed.get(i).failure().clusterId().equals(placed.get(j).failure().clusterId());
        duplicates += duplicate ? 1 : 0;
        together += same ? 1 : 0;
        right += duplicate && same ? 1 : 0;
        bySimilarity +=
            duplicate
                    && same
                    && !placed
                        .get(i)
                        .failure()
                        .fingerprint()
                        .equals(placed.get(j).failure().fingerprint())
                ? 1
                : 0;
      }
    }
    double precision = together == 0 ? 1 : (double) right / together;
    double recall = (double) right / duplicates;
    System.out.printf(
        "pipeline cluster quality on %d failures: precision %.3f, recall %.3f (%d duplicate"
            + " pairs, %d joined by similarity alone)%n",
        placed.size(), precision, recall, duplicates, bySimilarity);
    // Not vacuous: some twins have another fingerprint, and only similarity can pair them.
    assertThat(bySimilarity).isGreaterThanOrEqualTo(3);
    assertThat(precision).isGreaterThanOrEqualTo(0.98);
    assertThat(recall).isGreaterThanOrEqualTo(0.90);
  }

  /** The log with every one- and two-digit number changed: another run of the same failure. */
  private static String twin(String log) {
    Matcher m = SMALL.matcher(log);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, String.valueOf((Integer.parseInt(m.group(1)) + 3) % 97));
    }
    return m.appendTail(out).toString();
  }
}
