package dev.nightwatch.analyzer;

import dev.nightwatch.analyzer.regrtest.TestLedger.Evidence;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.schema.model.VerdictStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides which failure explains a build: infrastructure first (it explains an incomplete run),
 * then a compile error (it explains the tests that never ran), a crash, a timeout, failed tests,
 * and last "env changed". Flaky failures explain nothing.
 */
final class Verdicts {
  private static final List<FailureKind> PRIORITY =
      List.of(
          FailureKind.INFRA,
          FailureKind.COMPILE_ERROR,
          FailureKind.CRASH,
          FailureKind.TIMEOUT,
          FailureKind.TEST_FAILURE,
          FailureKind.ENV_CHANGED);

  private Verdicts() {}

  static Verdict decide(
      List<FailureFinding> findings,
      List<TestVerdict> tests,
      String result,
      Evidence resultLine,
      FailureFinding weak,
      boolean sawRegrtest,
      long lines,
      boolean sawNul,
      String readError) {
    List<FailureFinding> real = findings.stream().filter(f -> !f.flaky()).toList();
    boolean regrtestPassed = "SUCCESS".equals(result);
    if (regrtestPassed) {
      // Without --fail-env-changed an altered environment does not fail the run.
      real = real.stream().filter(f -> f.kind() != FailureKind.ENV_CHANGED).toList();
    }
    Optional<FailureFinding> top =
        real.stream()
            .min(
                Comparator.comparingInt((FailureFinding f) -> rank(f.kind()))
                    .thenComparingLong(FailureFinding::lineNumber));
    if (top.isPresent()) {
      FailureFinding f = top.get();
      return new Verdict(
          VerdictStatus.FAILURE, f.kind(), f.keyLine(), f.lineNumber(), reason(f, tests));
    }
    List<String> flaky =
        tests.stream()
            .filter(t -> t.status() == TestStatus.FLAKY)
            .map(TestVerdict::testFile)
            .toList();
    if (!flaky.isEmpty() || (result != null && result.endsWith("then SUCCESS"))) {
      Evidence key = resultLine;
      return new Verdict(
          VerdictStatus.FLAKY,
          null,
          key == null ? null : key.line(),
          key == null ? 0 : key.number(),
          flaky.isEmpty()
              ? "tests failed, then passed when re-run (regrtest: " + result + ")"
              : "failed, then passed when re-run: " + String.join(", ", flaky));
    }
    if (regrtestPassed) {
      return new Verdict(
          VerdictStatus.SUCCESS, null, resultLine.line(), resultLine.number(), "regrtest: SUCCESS");
    }
    if (weak != null) {
      return sawRegrtest
          ? unknownAt(weak, "make failed, but no failing test, crash or error was recognised")
          : new Verdict(
              VerdictStatus.FAILURE,
              weak.kind(),
              weak.keyLine(),
              weak.lineNumber(),
              "make failed and no compiler error was recognised: " + weak.keyLine().strip());
    }
    if (result != null) {
      return unknownAt(
          new FailureFinding(
              FailureKind.UNKNOWN,
              null,
              null,
              resultLine.line(),
              resultLine.number(),
              resultLine.line(),
              "regrtest-result",
              false),
          "regrtest's result is " + result + ", but no failing test was recognised");
    }
    if (readError != null) {
      return Verdict.unknown(readError);
    }
    if (lines == 0) {
      return Verdict.unknown("the log is empty");
    }
    if (sawNul) {
      return Verdict.unknown("the log holds binary data and nothing in it was recognised");
    }
    return Verdict.unknown(
        "nothing in the log was recognised: no compiler error, crash, timeout, failed test or"
            + " infrastructure failure");
  }

  private static Verdict unknownAt(FailureFinding at, String reason) {
    return new Verdict(
        VerdictStatus.UNKNOWN, FailureKind.UNKNOWN, at.keyLine(), at.lineNumber(), reason);
  }

  static int rank(FailureKind kind) {
    int i = PRIORITY.indexOf(kind);
    return i < 0 ? PRIORITY.size() : i;
  }

  private static String reason(FailureFinding top, List<TestVerdict> tests) {
    if (top.kind() == FailureKind.TEST_FAILURE || top.kind() == FailureKind.ENV_CHANGED) {
      List<String> failed =
          tests.stream().filter(t -> t.status().isFailure()).map(TestVerdict::testFile).toList();
      if (!failed.isEmpty()) {
        String what = top.kind() == FailureKind.ENV_CHANGED ? "altered the environment" : "failed";
        return failed.size()
            + (failed.size() == 1 ? " test " : " tests ")
            + what
            + ": "
            + String.join(", ", failed.subList(0, Math.min(10, failed.size())))
            + (failed.size() > 10 ? ", …" : "");
      }
    }
    String where = top.testFile() == null ? "" : " in " + top.testFile();
    String key = top.keyLine().strip();
    return switch (top.kind()) {
          case INFRA -> "infrastructure failure" + where + ": ";
          case COMPILE_ERROR -> "the build failed: ";
          case CRASH -> "crash" + where + ": ";
          case TIMEOUT -> "timeout" + where + ": ";
          case ENV_CHANGED -> "environment altered" + where + ": ";
          default -> "test failure" + where + ": ";
        }
        + (key.length() > 200 ? key.substring(0, 200) + "…" : key);
  }
}
