package dev.nightwatch.notifier.comment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          @guido look                 | @&#8203;guido look
          see #123                    | see \\#&#8203;123
          fixed by GH-42 and gh-7     | fixed by GH&#8203;\\-42 and gh&#8203;\\-7
          **bold** _it_               | \\*\\*bold\\*\\* \\_it\\_
          <script>x</script>          | &lt;script&gt;x&lt;/script&gt;
          [a](javascript:b)           | \\[a\\]\\(javascript\\:b\\)
          a & b                       | a &amp; b
          """)
  void textShowsAsWritten(String raw, String expected) {
    assertThat(Markdown.text(raw)).isEqualTo(expected);
  }

  @Test
  void textIsOneLine() {
    assertThat(Markdown.text("a\nb\r\nc")).doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void aCodeSpanIsFencedLongerThanTheBackticksInside() {
    assertThat(Markdown.code("a `b` c", 100)).isEqualTo("``a `b` c``");
    assertThat(Markdown.code("`x`", 100)).isEqualTo("`` `x` ``");
    assertThat(Markdown.code("line1\nline2", 100)).isEqualTo("`line1 line2`");
  }

  @Test
  void aLongCodeSpanIsCut() {
    assertThat(Markdown.code("x".repeat(50), 10)).isEqualTo("`xxxxxxxxx…`");
  }

  @Test
  void aFenceOutgrowsTheLongestRun() {
    assertThat(Markdown.fence("text", "a\n``````\nb"))
        .startsWith("```````text\n")
        .endsWith("\n```````");
    assertThat(Markdown.fence("pytb", "plain")).isEqualTo("```pytb\nplain\n```");
  }

  @Test
  void onlyPlainHttpLinksAreLinks() {
    assertThat(Markdown.link("b", "https://x.example/a#b"))
        .isEqualTo("[b](<https://x.example/a#b>)");
    assertThat(Markdown.link("b", "javascript:alert(1)")).isEqualTo("b");
    assertThat(Markdown.link("b", "http://x/ y")).isEqualTo("b");
    assertThat(Markdown.link("b", null)).isEqualTo("b");
  }
}
