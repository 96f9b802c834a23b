package dev.nightwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightwatch.analyzer.fingerprint.Fingerprint;
import dev.nightwatch.analyzer.log.LogFormat;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.VerdictStatus;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every log of the shared sample corpus comes out as its manifest says: the kind, the failed test
 * files and the key line. The corpus is a sample of the fleet, not the rules' source.
 */
class CorpusTest {
  static Stream<Arguments> entries() throws Exception {
    try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/manifest.json")) {
      JsonNode manifest = new ObjectMapper().readTree(in);
      List<Arguments> rows = new ArrayList<>();
      manifest.get("entries").forEach(e -> rows.add(Arguments.of(e.get("file").asText(), e)));
      return rows.stream();
    }
  }

  @Test
  void duplicatesShareAFingerprintAndNothingElseDoes() throws Exception {
    Map<String, String> groupOf = new HashMap<>();
    Map<String, String> fingerprintOf = new HashMap<>();
    for (Arguments row : entries().toList()) {
      String file = (String) row.get()[0];
      JsonNode entry = (JsonNode) row.get()[1];
      LogAnalysis analysis;
      try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/" + file)) {
        analysis = new LogAnalyzer().analyze(in, LogFormat.AUTO);
      }
      if (analysis.failures().isEmpty()) {
        continue;
      }
      fingerprintOf.put(file, Fingerprint.of(analysis.failures().get(0)));
      groupOf.put(
          file,
          entry.get("duplicate_group").isNull() ? file : entry.get("duplicate_group").asText());
    }
    List<String> files = new ArrayList<>(fingerprintOf.keySet());
    int duplicatePairs = 0;
    for (int i = 0; i < files.size(); i++) {
      for (int j = i + 1; j < files.size(); j++) {
        String a = files.get(i);
        String b = files.get(j);
        boolean duplicates = groupOf.get(a).equals(groupOf.get(b));
        duplicatePairs += duplicates ? 1 : 0;
        assertThat(fingerprintOf.get(a).equals(fingerprintOf.get(b)))
            .as("%s and %s share a fingerprint", a, b)
            .isEqualTo(duplicates);
      }
    }
    assertThat(duplicatePairs).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void comesOutAsTheManifestSays(String file, JsonNode entry) throws Exception {
    LogAnalysis analysis;
    try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/" + file)) {
      analysis = new LogAnalyzer().analyze(in, LogFormat.AUTO);
    }
    Verdict verdict = analysis.verdict();
    String kind = entry.get("kind").asText();
    switch (kind) {
      case "ok" -> assertThat(verdict.status()).isEqualTo(VerdictStatus.SUCCESS);
      case "flaky_rerun_passed" -> assertThat(verdict.status()).isEqualTo(VerdictStatus.FLAKY);
      default -> {
        assertThat(verdict.status()).as(verdict.reason()).isEqualTo(VerdictStatus.FAILURE);
        assertThat(verdict.kind())
            .as(verdict.reason())
            .isEqualTo(FailureKind.valueOf(kind.toUpperCase()));
      }
    }
    assertThat(verdict.keyLine()).as("key line").contains(entry.get("key_line").asText());

    List<String> expected = new ArrayList<>();
    entry.get("failed_tests").forEach(t -> expected.add(t.asText()));
    List<String> failed = analysis.failedTests();
    assertThat(failed).as("failed tests of " + analysis.tests()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String want = expected.get(i);
      assertThat(failed)
          .as("failed tests")
          .anySatisfy(t -> assertThat(t.equals(want) || t.startsWith(want + ".")).isTrue());
    }
  }
}
