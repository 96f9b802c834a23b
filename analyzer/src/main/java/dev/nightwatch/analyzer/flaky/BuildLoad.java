package dev.nightwatch.analyzer.flaky;

/**
 * How many tests one build ran, how many of them did not pass at first, and how many of those
 * passed in the builder's previous build (newly failing), and on which worker: what incident
 * detection looks at.
 */
public record BuildLoad(
    long buildId, String worker, int testsRun, int testsFailed, int testsNewlyFailed) {
  public BuildLoad {
    if (testsRun < 0
        || testsFailed < 0
        || testsFailed > testsRun
        || testsNewlyFailed < 0
        || testsNewlyFailed > testsFailed) {
      throw new IllegalArgumentException(
          "inconsistent load: run=%d failed=%d newly=%d"
              .formatted(testsRun, testsFailed, testsNewlyFailed));
    }
  }

  /** The share of the build's tests that did not pass at first. */
  public double failedShare() {
    return testsRun == 0 ? 0 : (double) testsFailed / testsRun;
  }

  /** The share of the build's tests that did not pass at first but passed the build before. */
  public double newlyFailedShare() {
    return testsRun == 0 ? 0 : (double) testsNewlyFailed / testsRun;
  }
}
