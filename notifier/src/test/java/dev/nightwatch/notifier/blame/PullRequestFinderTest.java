package dev.nightwatch.notifier.blame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.model.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PullRequestFinderTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "https://github.com/python/cpython",
        "https://github.com/python/cpython.git",
        "git@github.com:python/cpython.git",
        "python/cpython",
        "https://github.example.org/python/cpython/"
      })
  void aRepositoryUrlNamesOwnerAndName(String url) {
    assertThat(PullRequestFinder.repository(null, "", url)).hasValue("python/cpython");
  }

  @Test
  void theConfiguredRepositoryWins() {
    assertThat(PullRequestFinder.repository("python/cpython", "https://github.com/fork/x"))
        .hasValue("python/cpython");
    assertThat(PullRequestFinder.repository(null, null)).isEmpty();
  }

  @Test
  void withoutATokenOnlyTheMessageIsRead() throws Exception {
    PullRequestFinder finder =
        new PullRequestFinder(new PullRequestRefs(PullRequestRefs.Pick.LAST), null, null);
    Change named = new Change("abcdef1234", null, "gh-1: Fix (#77)", null, null, null);
    Change unnamed = new Change("abcdef1234", null, "Fix", null, null, null);

    assertThat(finder.find(named, "https://github.com/o/r").found())
        .hasValueSatisfying(f -> assertThat(f.pr()).isEqualTo(77));
    PullRequestFinder.Result none = finder.find(unnamed, "https://github.com/o/r");
    assertThat(none.found()).isEmpty();
    assertThat(none.missing()).contains("GitHub not asked");
    assertThat(finder.find(named, null).missing()).contains("no GitHub repository known");
  }
}
