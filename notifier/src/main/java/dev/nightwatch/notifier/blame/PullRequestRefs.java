package dev.nightwatch.notifier.blame;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the pull request a merged commit came from in its message, as GitHub's squash merge and
 * CPython's backport bot write it: {@code (GH-123)}, {@code (gh-123)} or {@code (#123)}. A backport
 * names the original PR and then its own ({@code [3.12] gh-1: Fix (GH-200) (#210)}): the last match
 * is the PR merged on this branch, the first the original, as configured.
 */
public final class PullRequestRefs {
  /** Which reference wins when a message has several. */
  public enum Pick {
    /** The PR that was merged on the branch built: a backport's own PR. */
    LAST,
    /** The first PR named: a backport's original PR on main. */
    FIRST
  }

  // Matches "(GH-116677)", "(gh-116677)", "(#116723)"; not "gh-113964:" (an issue, unparenthesised)
  // nor "(bpo-1234)" (an old bug tracker number).
  private static final Pattern REF = Pattern.compile("\\((?:[Gg][Hh]-|#)(\\d{1,9})\\)");

  private final Pick pick;

  public PullRequestRefs(Pick pick) {
    this.pick = pick;
  }

  /** The PR number the message names, looking at its subject line first, then at the whole. */
  public OptionalInt find(String message) {
    if (message == null || message.isBlank()) {
      return OptionalInt.empty();
    }
    String subject = message.strip().lines().findFirst().orElse("");
    List<Integer> refs = all(subject);
    if (refs.isEmpty()) {
      refs = all(message);
    }
    if (refs.isEmpty()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(pick == Pick.LAST ? refs.get(refs.size() - 1) : refs.get(0));
  }

  private static List<Integer> all(String text) {
    List<Integer> out = new ArrayList<>();
    Matcher m = REF.matcher(text);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }
}
