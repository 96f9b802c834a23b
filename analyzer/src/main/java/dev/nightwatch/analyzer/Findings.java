package dev.nightwatch.analyzer;

import dev.nightwatch.analyzer.regrtest.TestLedger;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.TestStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Settles a log's findings against its test outcomes once the whole log has been read. */
final class Findings {
  private Findings() {}

  /**
   * Names each finding's test by its regrtest test file, marks those whose test passed on re-run as
   * flaky, and drops repeats (a failure shown again by the re-run is one failure).
   */
  static List<FailureFinding> settle(
      List<FailureFinding> findings, TestLedger ledger, List<TestVerdict> tests) {
    Map<String, TestStatus> status = byFile(tests);
    Map<String, Integer> seen = new HashMap<>();
    List<FailureFinding> settled = new ArrayList<>();
    for (FailureFinding f : findings) {
      String file = ledger.regrtestName(f.testFile());
      // One failure, as the fingerprint sees it: the first run's and the re-run's are the same.
      String identity = f.kind() + "\0" + file + "\0" + f.keyLine().strip();
      Integer earlier = seen.get(identity);
      if (earlier == null) {
        seen.put(identity, settled.size());
        settled.add(f.settled(file, file != null && status.get(file) == TestStatus.FLAKY));
      } else if (settled.get(earlier).testName() == null && f.testName() != null) {
        settled.set(earlier, settled.get(earlier).named(f.testName()));
      }
    }
    return settled;
  }

  /** Findings for failed tests that no failure block explained, keyed on regrtest's own line. */
  static List<FailureFinding> fromLedger(
      List<FailureFinding> settled, TestLedger ledger, List<TestVerdict> tests) {
    Set<String> explained =
        settled.stream()
            .map(FailureFinding::testFile)
            .filter(f -> f != null)
            .collect(Collectors.toSet());
    List<FailureFinding> added = new ArrayList<>();
    for (TestVerdict t : tests) {
      if (!t.status().isFailure() || explained.contains(t.testFile())) {
        continue;
      }
      ledger
          .evidence(t.testFile())
          .ifPresent(
              e ->
                  added.add(
                      new FailureFinding(
                          kindOf(t.status()),
                          null,
                          t.testFile(),
                          e.line(),
                          e.number(),
                          e.line(),
                          "regrtest-result",
                          false)));
    }
    return added;
  }

  private static FailureKind kindOf(TestStatus status) {
    return switch (status) {
      case CRASHED -> FailureKind.CRASH;
      case TIMED_OUT -> FailureKind.TIMEOUT;
      case ENV_CHANGED -> FailureKind.ENV_CHANGED;
      default -> FailureKind.TEST_FAILURE;
    };
  }

  static Map<String, TestStatus> byFile(List<TestVerdict> tests) {
    return tests.stream()
        .collect(Collectors.toMap(TestVerdict::testFile, TestVerdict::status, (a, b) -> a));
  }
}
