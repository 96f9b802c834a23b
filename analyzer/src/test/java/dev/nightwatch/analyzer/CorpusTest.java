package dev.nightwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightwatch.analyzer.log.LogFormat;
import dev.nightwatch.schema.model.FailureKind;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
      case "ok" -> assertThat(verdict.status()).isEqualTo(Verdict.Status.SUCCESS);
      case "flaky_rerun_passed" -> assertThat(verdict.status()).isEqualTo(Verdict.Status.FLAKY);
      default -> {
        assertThat(verdict.status()).as(verdict.reason()).isEqualTo(Verdict.Status.FAILURE);
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
