package dev.nightwatch.analyzer.flaky;

/**
 * How often a test ran and did not pass: {@code failures} failed in the end, {@code flaky} failed
 * and then passed on re-run; runs in incident builds are left out.
 */
public record Counts(long runs, long failures, long flaky) {
  public Counts {
    if (runs < 0 || failures < 0 || flaky < 0 || failures + flaky > runs) {
      throw new IllegalArgumentException(
          "inconsistent counts: runs=%d failures=%d flaky=%d".formatted(runs, failures, flaky));
    }
  }

  /** Runs whose first attempt did not pass. */
  public long unexpected() {
    return failures + flaky;
  }
}
