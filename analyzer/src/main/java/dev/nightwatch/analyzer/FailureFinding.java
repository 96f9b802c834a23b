package dev.nightwatch.analyzer;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.FailureKind;

/**
 * One failure the analyzer found in a log: its kind, the test at the most specific level known
 * ({@code test_os.TestX.test_y}, null when no test is involved), the regrtest test file it belongs
 * to, the key line (verbatim) and its 1-based number, a formatted excerpt, the rule that fired, and
 * whether its test passed when re-run (a flaky verdict, never a reason to blame a change).
 */
public record FailureFinding(
    FailureKind kind,
    String testName,
    String testFile,
    String keyLine,
    long lineNumber,
    String excerpt,
    String rule,
    boolean flaky) {
  public FailureFinding {
    requireNonNull(kind, "kind");
    requireNonNull(keyLine, "keyLine");
    requireNonNull(excerpt, "excerpt");
    requireNonNull(rule, "rule");
  }

  /** This finding with its test file and flaky verdict settled against the whole log. */
  public FailureFinding settled(String file, boolean isFlaky) {
    return new FailureFinding(kind, testName, file, keyLine, lineNumber, excerpt, rule, isFlaky);
  }

  /** This finding with a more specific test name, learnt from a later sight of it. */
  public FailureFinding named(String name) {
    return new FailureFinding(kind, name, testFile, keyLine, lineNumber, excerpt, rule, flaky);
  }
}
