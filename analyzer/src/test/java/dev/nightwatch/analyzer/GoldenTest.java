package dev.nightwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nightwatch.analyzer.log.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each log in {@code src/test/resources/golden} beside the analysis expected of it.
 * Run with {@code -Dgolden.update=true} to rewrite them, then review the diff.
 */
class GoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static Stream<String> logs() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".log"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logs")
  void analysisMatchesItsGoldenFile(String name) throws Exception {
    LogAnalysis analysis;
    try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
      analysis = new LogAnalyzer().analyze(in, LogFormat.AUTO);
    }
    String actual = JSON.writeValueAsString(analysis) + "\n";
    Path golden = DIR.resolve(name.replaceAll("\\.log$", ".expected.json"));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual);
    }

    assertThat(actual).isEqualTo(Files.readString(golden));
  }
}
