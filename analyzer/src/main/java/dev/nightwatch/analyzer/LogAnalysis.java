package dev.nightwatch.analyzer;

import java.util.List;

/**
 * What the analyzer read in one log: the failures, an outcome for every test the log shows, the
 * verdict on the build, and how many lines it read (and whether some were too long to keep whole).
 */
public record LogAnalysis(
    List<FailureFinding> failures,
    List<TestVerdict> tests,
    Verdict verdict,
    long lines,
    boolean longLinesCut) {
  public LogAnalysis {
    failures = List.copyOf(failures);
    tests = List.copyOf(tests);
  }

  /** The regrtest test files that failed in the end (not the flaky ones), in log order. */
  public List<String> failedTests() {
    return tests.stream().filter(t -> t.status().isFailure()).map(TestVerdict::testFile).toList();
  }
}
