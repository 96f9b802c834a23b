package dev.nightwatch.notifier.comment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nightwatch.notifier.comment.PrReport.BuilderBreak;
import dev.nightwatch.notifier.comment.PrReport.FailureNote;
import dev.nightwatch.schema.model.FailureKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code golden/NAME.report.json} (real CPython excerpts, and a hostile one)
 * beside the Markdown expected of it. Run with {@code -Dgolden.update=true} to rewrite them, then
 * review the diff.
 */
class CommentRendererTest {
  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  static Stream<String> reports() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".report.json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static PrReport read(String name) throws IOException {
    return JSON.readValue(DIR.resolve(name).toFile(), PrReport.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reports")
  void commentMatchesItsGoldenFile(String name) throws Exception {
    String actual = new CommentRenderer().render(read(name));
    Path golden = DIR.resolve(name.replace(".report.json", ".md"));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(golden));
  }

  @Nested
  class HostileLogText {
    private final String md = render();

    private String render() {
      try {
        return new CommentRenderer().render(read("hostile-log.report.json"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The Markdown outside code spans and fences: where mentions and HTML would take effect. */
    private String prose() {
      StringBuilder out = new StringBuilder();
      boolean inFence = false;
      String fence = null;
      for (String line : md.split("\n", -1)) {
        if (!inFence && line.startsWith("```")) {
          inFence = true;
          fence = line.replaceAll("[^`].*$", "");
          continue;
        }
        if (inFence) {
          if (line.equals(fence)) {
            inFence = false;
          }
          continue;
        }
        // Code spans, entities and link destinations hold no text that renders as written.
        out.append(
                line.replaceAll("(`+).*?\\1", "")
                    .replace(Markdown.ZERO_WIDTH, "{zw}")
                    .replaceAll("\\]\\(<[^>]*>\\)", "]"))
            .append('\n');
      }
      assertThat(inFence).as("every fence is closed").isFalse();
      return out.toString();
    }

    @Test
    void mentionsAndIssueReferencesAreNeutralisedOutsideCode() {
      String prose = prose();
      assertThat(prose).doesNotContainPattern("@[A-Za-z0-9]").contains("@{zw}here");
      assertThat(prose).doesNotContainPattern("#\\d");
      assertThat(md).contains("@&#8203;here").contains("\\#&#8203;1 ");
    }

    @Test
    void noHtmlFromTheLogRendersOutsideCode() {
      String prose = prose();
      assertThat(prose).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>");
      assertThat(prose.replace(CommentRenderer.MARKER, ""))
          .doesNotContainPattern("<(?!/?(details|summary)>)");
    }

    @Test
    void aJavascriptLinkIsNeverALink() {
      assertThat(md).doesNotContain("](<javascript").doesNotContain("(javascript:alert(1)) @");
      assertThat(md).doesNotContain("Buildbot build");
    }

    @Test
    void theExcerptFenceIsLongerThanAnyBacktickRunInTheLog() {
      assertThat(md).contains("`````pytb\n");
      assertThat(md).contains("</details>\n<script>alert(document.cookie)</script>\n````\n");
    }
  }

  @Nested
  class Limit {
    private static FailureNote big(int i) {
      String excerpt =
          ("Traceback (most recent call last):\n" + "  line\n".repeat(68)) + "Error " + i;
      return new FailureNote(
          FailureKind.TEST_FAILURE,
          "test_" + i,
          "Error " + i,
          excerpt.replace("line", "x".repeat(390)),
          null,
          null);
    }

    private static PrReport report(int builders) {
      List<BuilderBreak> list = new ArrayList<>();
      for (int b = 0; b < builders; b++) {
        list.add(
            new BuilderBreak(
                "builder " + b,
                b,
                Instant.parse("2026-11-30T00:00:00Z"),
                "abcdef0123",
                "https://buildbot.example/#builders/1/builds/" + b,
                "http://nightwatch.example/builds/" + b,
                List.of(big(1), big(2), big(3))));
      }
      return new PrReport("o/r", 5, list);
    }

    @Test
    void excerptsAreShortenedBeforeBuildersAreLeftOut() {
      String md = new CommentRenderer().render(report(3));
      assertThat(md.length()).isLessThanOrEqualTo(CommentRenderer.GITHUB_LIMIT);
      assertThat(md).contains("#### builder 2").contains("lines left out");
    }

    @Test
    void manyBuildersStayUnderGitHubsLimitAndTheRestAreNamed() {
      String md = new CommentRenderer().render(report(400));
      assertThat(md.length()).isLessThanOrEqualTo(CommentRenderer.GITHUB_LIMIT);
      assertThat(md)
          .startsWith(CommentRenderer.MARKER)
          .contains("more builders (the comment would be too long)");
      assertThat(md).contains("#### builder 0");
    }
  }

  @Test
  void theFenceLanguageFollowsTheExcerpt() {
    FailureNote tb =
        new FailureNote(
            FailureKind.TEST_FAILURE, "t", "k", "Traceback (most recent call last):\n", null, null);
    FailureNote cc =
        new FailureNote(FailureKind.COMPILE_ERROR, null, "k", "x.c:1:1: error: y", null, null);
    FailureNote crash =
        new FailureNote(FailureKind.CRASH, null, "k", "Fatal Python error: z", null, null);
    assertThat(CommentRenderer.language(tb)).isEqualTo("pytb");
    assertThat(CommentRenderer.language(cc)).isEqualTo("c");
    assertThat(CommentRenderer.language(crash)).isEqualTo("text");
  }
}
