package dev.nightwatch.analyzer.flaky;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Tells builds whose failures say nothing about the tests: a mass failure (most tests failing at
 * once is one incident, not hundreds of flaky tests) and a worker outage (a worker whose builds
 * suddenly fail many unrelated tests is an infra suspect). Pure: the worker's earlier builds are
 * passed in.
 */
public final class Incidents {
  /** Why a build is an incident, or that it is not one. */
  public enum Kind {
    NONE,
    MASS_FAILURE,
    WORKER
  }

  /** The thresholds, each with a default that suits regrtest's ~450 test files. */
  public record Rules(double massShare, int minTests, double workerShare, double jump) {
    public static final Rules DEFAULT = new Rules(0.5, 8, 0.05, 4.0);
  }

  private final Rules rules;

  public Incidents(Rules rules) {
    this.rules = rules;
  }

  /**
   * Judges a build given the same worker's earlier builds that were not incidents (most recent
   * last; a few dozen suffice): a mass failure when at least {@code massShare} of its tests failed;
   * a worker incident when, of the tests that passed the build before, at least {@code minTests}
   * (and {@code workerShare} of all) failed now, {@code jump} times the share the worker usually
   * sees newly failing — or when its failing tests are as many more than usual and {@code jump}
   * times its usual share (an outage that lasts several builds keeps failing the same tests).
   * Counting newly failing tests keeps tests that stay broken from hiding an outage.
   */
  public Kind judge(BuildLoad build, List<BuildLoad> workerBefore) {
    if (build.testsRun() >= rules.minTests() && build.failedShare() >= rules.massShare()) {
      return Kind.MASS_FAILURE;
    }
    double usualNewly = median(workerBefore, BuildLoad::newlyFailedShare);
    boolean newly =
        build.testsNewlyFailed() >= rules.minTests()
            && build.newlyFailedShare() >= rules.workerShare()
            && build.newlyFailedShare() >= rules.jump() * usualNewly;
    double usualFailed = median(workerBefore, BuildLoad::failedShare);
    boolean failing =
        build.testsFailed() - usualFailed * build.testsRun() >= rules.minTests()
            && build.failedShare() >= rules.workerShare()
            && build.failedShare() >= rules.jump() * usualFailed;
    return newly || failing ? Kind.WORKER : Kind.NONE;
  }

  private static double median(List<BuildLoad> loads, ToDoubleFunction<BuildLoad> share) {
    if (loads.isEmpty()) {
      return 0;
    }
    double[] shares = loads.stream().mapToDouble(share).sorted().toArray();
    return shares[shares.length / 2];
  }
}
