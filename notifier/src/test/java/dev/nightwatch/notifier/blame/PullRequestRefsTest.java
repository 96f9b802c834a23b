package dev.nightwatch.notifier.blame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PullRequestRefsTest {
  private final PullRequestRefs last = new PullRequestRefs(PullRequestRefs.Pick.LAST);
  private final PullRequestRefs first = new PullRequestRefs(PullRequestRefs.Pick.FIRST);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          gh-108303: Move sortperf.py to Tools/scripts (#114687)                                       | 114687 | 114687
          [3.12] gh-113964: Don't prevent new threads until all non-daemon threads exit (GH-116677) (#116723) | 116723 | 116677
          bpo-31234: Fix dangling thread in test_ftplib (GH-3544)                                       | 3544   | 3544
          Revert "gh-1234: Add foo (#5678)" (#5700)                                                     | 5700   | 5678
          [3.11] gh-99: lowercase backport (gh-101) (#102)                                              | 102    | 101
          """)
  void findsThePrOfASquashMergeOrABackport(String message, int lastPr, int firstPr) {
    assertThat(last.find(message)).hasValue(lastPr);
    assertThat(first.find(message)).hasValue(firstPr);
  }

  @Test
  void anIssueNumberOrAnOldTrackerNumberIsNoPr() {
    assertThat(last.find("gh-113964: Fix threads")).isEqualTo(OptionalInt.empty());
    assertThat(last.find("Fix it (bpo-1234)")).isEqualTo(OptionalInt.empty());
    assertThat(last.find(null)).isEqualTo(OptionalInt.empty());
  }

  @Test
  void theSubjectLineWinsOverTheBody() {
    String message =
        "gh-1: Fix the parser (#200)\n\nThis reverts the change of (#150).\n\nCo-authored-by: x";
    assertThat(last.find(message)).hasValue(200);
  }

  @Test
  void theBodyIsReadWhenTheSubjectNamesNone() {
    assertThat(last.find("Fix the parser\n\nMerged as (GH-321)")).hasValue(321);
  }
}
