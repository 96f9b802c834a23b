package dev.nightwatch.analyzer.regrtest;

import dev.nightwatch.analyzer.TestVerdict;
import dev.nightwatch.analyzer.regrtest.RegrtestLines.ListKind;
import dev.nightwatch.schema.model.TestStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps what a log says about each regrtest test file — progress lines, failures seen in unittest
 * output, the summary lists, the re-run phase — and gives each its final outcome: a test that
 * failed and then passed on re-run is FLAKY, one that failed again is FAILED_AGAIN.
 */
public final class TestLedger {
  /** Where a line of evidence about a test sits, to use as its key line. */
  public record Evidence(String line, long number) {}

  private static final class Entry {
    final String test;
    final boolean fromRegrtest;
    TestStatus first;
    TestStatus rerun;
    Long durationMillis;
    Evidence evidence;

    Entry(String test, boolean fromRegrtest) {
      this.test = test;
      this.fromRegrtest = fromRegrtest;
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<ListKind, Set<String>> lists = new EnumMap<>(ListKind.class);
  private boolean rerunPhase;

  /**
   * From here on, outcomes belong to the re-run of failed tests. As regrtest does, the failures and
   * environment changes listed so far are set aside: only the re-run decides them now.
   */
  public void startRerun() {
    rerunPhase = true;
    lists.remove(ListKind.FAILED);
    lists.remove(ListKind.ENV_CHANGED);
  }

  public boolean inRerun() {
    return rerunPhase;
  }

  /** A regrtest progress (or bare state) line about a test. */
  public void progress(ProgressLines.Progress p, Evidence evidence) {
    Entry e = entry(p.test(), true);
    if (p.status() == null) {
      return;
    }
    if (rerunPhase) {
      e.rerun = worse(e.rerun, p.status());
    } else {
      e.first = worse(e.first, p.status());
      if (p.durationMillis() != null) {
        e.durationMillis = p.durationMillis();
      }
    }
    if (p.status().isFailure() && e.evidence == null) {
      e.evidence = evidence;
    }
  }

  /** A failure seen in a test's own output (a unittest FAIL block, a traceback). */
  public void failed(String test, boolean fromRegrtest, Evidence evidence) {
    Entry e = entry(test, fromRegrtest);
    if (rerunPhase) {
      e.rerun = worse(e.rerun, TestStatus.FAILED);
    } else {
      e.first = worse(e.first, TestStatus.FAILED);
    }
    if (e.evidence == null) {
      e.evidence = evidence;
    }
  }

  /** A status seen for a test outside progress lines (a leak report, a "Warning --" line). */
  public void mark(String test, TestStatus status) {
    Entry e = entry(test, true);
    if (rerunPhase) {
      e.rerun = worse(e.rerun, status);
    } else {
      e.first = worse(e.first, status);
    }
  }

  /** A test named in one of the summary lists, under the list's header line. */
  public void listed(ListKind kind, String test, Evidence header) {
    lists.computeIfAbsent(kind, k -> new HashSet<>()).add(test);
    Entry e = entry(test, true);
    if (kind != ListKind.RERUN
        && kind != ListKind.SKIPPED
        && kind != ListKind.OTHER
        && e.evidence == null) {
      e.evidence = header;
    }
  }

  private Entry entry(String test, boolean fromRegrtest) {
    Entry e = entries.get(test);
    if (e == null) {
      e = new Entry(test, fromRegrtest);
      entries.put(test, e);
    }
    return e;
  }

  /** The regrtest test file that a unittest-derived name belongs to, if the log named one. */
  public String regrtestName(String test) {
    if (test == null) {
      return null;
    }
    for (Entry e : entries.values()) {
      if (e.fromRegrtest && (test.equals(e.test) || test.startsWith(e.test + "."))) {
        return e.test;
      }
    }
    return test;
  }

  /** The evidence for a test's failure, if any was kept. */
  public Optional<Evidence> evidence(String test) {
    Entry e = entries.get(test);
    return e == null ? Optional.empty() : Optional.ofNullable(e.evidence);
  }

  /** The final outcome of every test the log shows, in the order they first appeared. */
  public List<TestVerdict> verdicts() {
    List<TestVerdict> verdicts = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (!e.fromRegrtest && !regrtestName(e.test).equals(e.test)) {
        continue; // covered by the regrtest test file it belongs to
      }
      TestStatus status = finalStatus(e);
      if (status != null) {
        verdicts.add(new TestVerdict(e.test, status, e.durationMillis));
      }
    }
    return verdicts;
  }

  private TestStatus finalStatus(Entry e) {
    boolean rerun =
        in(ListKind.RERUN, e.test) || in(ListKind.FAILED_AGAIN, e.test) || e.rerun != null;
    boolean failedAtEnd = in(ListKind.FAILED, e.test) || in(ListKind.FAILED_AGAIN, e.test);
    if (rerun) {
      boolean again =
          in(ListKind.FAILED_AGAIN, e.test)
              || (e.rerun != null && e.rerun.isFailure())
              || (in(ListKind.FAILED, e.test) && in(ListKind.RERUN, e.test));
      if (!again) {
        return TestStatus.FLAKY;
      }
      // A leak, crash or timeout that happens again says more than "failed again".
      TestStatus specific = e.rerun != null && e.rerun.isFailure() ? e.rerun : e.first;
      return specific == TestStatus.LEAKED
              || specific == TestStatus.CRASHED
              || specific == TestStatus.TIMED_OUT
          ? specific
          : TestStatus.FAILED_AGAIN;
    }
    TestStatus first = e.first;
    if (failedAtEnd && (first == null || !first.isFailure())) {
      return TestStatus.FAILED;
    }
    if (in(ListKind.ENV_CHANGED, e.test) && (first == null || !first.isFailure())) {
      return TestStatus.ENV_CHANGED;
    }
    if (first == null && in(ListKind.SKIPPED, e.test)) {
      return TestStatus.SKIPPED;
    }
    return first;
  }

  private boolean in(ListKind kind, String test) {
    return lists.getOrDefault(kind, Set.of()).contains(test);
  }

  /** The more telling of two statuses: any failure over a pass, a specific failure over FAILED. */
  private static TestStatus worse(TestStatus a, TestStatus b) {
    if (a == null) {
      return b;
    }
    if (!b.isFailure()) {
      return a;
    }
    if (!a.isFailure() || a == TestStatus.FAILED || a == TestStatus.ENV_CHANGED) {
      return b == TestStatus.ENV_CHANGED && a.isFailure() ? a : b;
    }
    return a;
  }
}
