package dev.nightwatch.analyzer.flaky;

import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a fleet's test histories with the truth known: per test and builder a scenario (stable,
 * flaky at a rate, regressed at a build, regressed then fixed, flaky then fixed), and, across
 * tests, worker outages and mass failures. Deterministic for a seed.
 */
final class FleetSimulator {
  enum Truth {
    STABLE,
    FLAKY,
    REGRESSED,
    FIXED_AFTER_REGRESSION,
    FIXED_AFTER_FLAKY
  }

  /** One test on one builder: its truth, the build where its behaviour changed, its rate. */
  record Series(
      int test,
      int builder,
      Truth truth,
      int changeAt,
      int fixedAt,
      double rate,
      List<TestRun> runs) {}

  /** One build's load, and whether the simulator made it an incident. */
  record Build(int builder, int index, long id, BuildLoad load, boolean incident) {}

  record Fleet(List<Series> series, List<Build> builds) {}

  static final double[] FLAKY_RATES = {0.01, 0.02, 0.05, 0.1, 0.2, 0.4};

  private final Random random;
  private final int builders;
  private final int tests;
  private final int buildsPerBuilder;

  FleetSimulator(long seed, int builders, int tests, int buildsPerBuilder) {
    this.random = new Random(seed);
    this.builders = builders;
    this.tests = tests;
    this.buildsPerBuilder = buildsPerBuilder;
  }

  Fleet generate() {
    List<Series> all = new ArrayList<>();
    List<Build> builds = new ArrayList<>();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    long nextBuildId = 1;
    for (int b = 0; b < builders; b++) {
      boolean reruns = b % 4 != 3; // one builder in four does not re-run failed tests
      // One or two outages of the builder's worker, 3–8 builds each, failing a quarter of tests.
      boolean[] outage = new boolean[buildsPerBuilder];
      int outages = 1 + random.nextInt(2);
      for (int o = 0; o < outages; o++) {
        int at = 20 + random.nextInt(buildsPerBuilder - 40);
        int length = 3 + random.nextInt(6);
        for (int i = at; i < Math.min(buildsPerBuilder, at + length); i++) {
          outage[i] = true;
        }
      }
      boolean[] mass = new boolean[buildsPerBuilder];
      for (int i = 0; i < buildsPerBuilder; i++) {
        mass[i] = random.nextDouble() < 0.01;
      }
      long[] ids = new long[buildsPerBuilder];
      for (int i = 0; i < buildsPerBuilder; i++) {
        ids[i] = nextBuildId++;
      }
      List<Series> builderSeries = new ArrayList<>();
      int[] failedPerBuild = new int[buildsPerBuilder];
      int[] newlyPerBuild = new int[buildsPerBuilder];
      for (int t = 0; t < tests; t++) {
        Series s = series(t, b, reruns, outage, mass, ids, start);
        for (int i = 0; i < buildsPerBuilder; i++) {
          if (s.runs().get(i).unexpected()) {
            failedPerBuild[i]++;
            if (i == 0 || !s.runs().get(i - 1).unexpected()) {
              newlyPerBuild[i]++;
            }
          }
        }
        builderSeries.add(s);
      }
      for (int i = 0; i < buildsPerBuilder; i++) {
        builds.add(
            new Build(
                b,
                i,
                ids[i],
                new BuildLoad(ids[i], "worker-" + b, tests, failedPerBuild[i], newlyPerBuild[i]),
                outage[i] || mass[i]));
      }
      all.addAll(builderSeries);
    }
    return new Fleet(all, builds);
  }

  private Series series(
      int test,
      int builder,
      boolean reruns,
      boolean[] outage,
      boolean[] mass,
      long[] ids,
      Instant start) {
    double pick = random.nextDouble();
    Truth truth;
    if (pick < 0.70) {
      truth = Truth.STABLE;
    } else if (pick < 0.85) {
      truth = Truth.FLAKY;
    } else if (pick < 0.92) {
      truth = Truth.REGRESSED;
    } else if (pick < 0.96) {
      truth = Truth.FIXED_AFTER_REGRESSION;
    } else {
      truth = Truth.FIXED_AFTER_FLAKY;
    }
    int n = buildsPerBuilder;
    int changeAt = n / 3 + random.nextInt(n / 2);
    int fixedAt = -1;
    double rate = FLAKY_RATES[random.nextInt(FLAKY_RATES.length)];
    if (truth == Truth.FIXED_AFTER_REGRESSION) {
      changeAt = n / 4 + random.nextInt(n / 4);
      fixedAt = changeAt + 5 + random.nextInt(n / 4);
    } else if (truth == Truth.FIXED_AFTER_FLAKY) {
      rate = 0.1 + 0.3 * random.nextDouble();
      changeAt = 0;
      fixedAt = n / 3 + random.nextInt(n / 3);
    }
    List<TestRun> runs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TestStatus status;
      if (mass[i] && random.nextDouble() < 0.8 || outage[i] && random.nextDouble() < 0.25) {
        status = reruns ? TestStatus.FAILED_AGAIN : TestStatus.FAILED;
      } else {
        status = outcome(truth, i, changeAt, fixedAt, rate, reruns);
      }
      runs.add(new TestRun(ids[i], i + 1, start.plus(Duration.ofHours(6L * i)), status, false));
    }
    return new Series(test, builder, truth, changeAt, fixedAt, rate, runs);
  }

  private TestStatus outcome(
      Truth truth, int i, int changeAt, int fixedAt, double rate, boolean reruns) {
    boolean broken =
        switch (truth) {
          case STABLE, FLAKY, FIXED_AFTER_FLAKY -> false;
          case REGRESSED -> i >= changeAt;
          case FIXED_AFTER_REGRESSION -> i >= changeAt && i < fixedAt;
        };
    if (broken) {
      return reruns ? TestStatus.FAILED_AGAIN : TestStatus.FAILED;
    }
    boolean flaky = truth == Truth.FLAKY || truth == Truth.FIXED_AFTER_FLAKY && i < fixedAt;
    if (!flaky || random.nextDouble() >= rate) {
      return TestStatus.PASSED;
    }
    if (!reruns) {
      return TestStatus.FAILED;
    }
    return random.nextDouble() < rate ? TestStatus.FAILED_AGAIN : TestStatus.FLAKY;
  }
}
