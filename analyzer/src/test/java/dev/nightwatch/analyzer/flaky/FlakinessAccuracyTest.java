package dev.nightwatch.analyzer.flaky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.analyzer.flaky.FleetSimulator.Build;
import dev.nightwatch.analyzer.flaky.FleetSimulator.Fleet;
import dev.nightwatch.analyzer.flaky.FleetSimulator.Series;
import dev.nightwatch.analyzer.flaky.FleetSimulator.Truth;
import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestRun;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flakiness analysis on simulated fleets with known truth: incidents marked build by build as
 * ingest does, then each test's history on each builder segmented and its last segment labelled.
 */
class FlakinessAccuracyTest {
  /** The figures over several seeded fleets. */
  record Figures(
      int flakyTruth,
      int calledFlaky,
      int truePositives,
      int regressions,
      int regressionsCalledFlaky,
      int regressionsFailing,
      int changepoints,
      int changepointsWithin2,
      int fixes,
      int fixesCalledFixed,
      int incidentBuilds,
      int incidentsFound,
      int incidentsFalse) {
    double precision() {
      return calledFlaky == 0 ? 1 : (double) truePositives / calledFlaky;
    }

    double recall() {
      return (double) truePositives / flakyTruth;
    }
  }

  private static Figures figures;

  @BeforeAll
  static void evaluate() {
    int[] f = new int[13];
    for (long seed = 1; seed <= 5; seed++) {
      Fleet fleet = new FleetSimulator(seed, 12, 150, 300).generate();
      add(f, evaluate(fleet));
    }
    figures =
        new Figures(
            f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]);
    System.out.printf(
        "flakiness on simulated fleets: flaky precision %.3f recall %.3f (%d flaky series);"
            + " regressions called flaky %d/%d, labelled failing %d/%d; changepoints within ±2"
            + " builds %d/%d; fixes labelled fixed %d/%d; incident builds found %d/%d, %d false%n",
        figures.precision(),
        figures.recall(),
        figures.flakyTruth(),
        figures.regressionsCalledFlaky(),
        figures.regressions(),
        figures.regressionsFailing(),
        figures.regressions(),
        figures.changepointsWithin2(),
        figures.changepoints(),
        figures.fixesCalledFixed(),
        figures.fixes(),
        figures.incidentsFound(),
        figures.incidentBuilds(),
        figures.incidentsFalse());
  }

  private static void add(int[] into, int[] f) {
    for (int i = 0; i < f.length; i++) {
      into[i] += f[i];
    }
  }

  static int[] evaluate(Fleet fleet) {
    int[] f = new int[13];
    Map<Long, Boolean> incident = markIncidents(fleet.builds(), f);
    Segmenter segmenter = new Segmenter();
    for (Series s : fleet.series()) {
      List<TestRun> runs = new ArrayList<>();
      for (TestRun r : s.runs()) {
        runs.add(
            new TestRun(
                r.buildId(),
                r.buildNumber(),
                r.finishedAt(),
                r.status(),
                incident.get(r.buildId())));
      }
      List<Segment> segments = segmenter.segment(runs);
      Segment last = segments.get(segments.size() - 1);
      boolean calledFlaky = last.state() == SegmentState.FLAKY;
      boolean flaky = s.truth() == Truth.FLAKY;
      f[0] += flaky ? 1 : 0;
      f[1] += calledFlaky ? 1 : 0;
      f[2] += flaky && calledFlaky ? 1 : 0;
      if (s.truth() == Truth.REGRESSED) {
        f[3]++;
        f[4] += calledFlaky ? 1 : 0;
        f[5] += last.state() == SegmentState.FAILING ? 1 : 0;
        f[6]++;
        f[7] += Math.abs(last.start() - s.changeAt()) <= 2 ? 1 : 0;
      }
      if (s.truth() == Truth.FIXED_AFTER_REGRESSION) {
        f[6]++;
        f[7] += Math.abs(last.start() - s.fixedAt()) <= 2 ? 1 : 0;
      }
      if (s.truth() == Truth.FIXED_AFTER_REGRESSION || s.truth() == Truth.FIXED_AFTER_FLAKY) {
        f[8]++;
        f[9] += last.state() == SegmentState.FIXED ? 1 : 0;
      }
    }
    return f;
  }

  /** Judges each builder's builds in order against the worker's earlier non-incident builds. */
  private static Map<Long, Boolean> markIncidents(List<Build> builds, int[] f) {
    Incidents incidents = new Incidents(Incidents.Rules.DEFAULT);
    Map<String, Deque<BuildLoad>> before = new HashMap<>();
    Map<Long, Boolean> marked = new HashMap<>();
    for (Build b : builds) {
      Deque<BuildLoad> window = before.computeIfAbsent(b.load().worker(), w -> new ArrayDeque<>());
      boolean found = incidents.judge(b.load(), List.copyOf(window)) != Incidents.Kind.NONE;
      marked.put(b.id(), found);
      f[10] += b.incident() ? 1 : 0;
      f[11] += b.incident() && found ? 1 : 0;
      f[12] += !b.incident() && found ? 1 : 0;
      if (!found) {
        window.addLast(b.load());
        if (window.size() > 20) {
          window.removeFirst();
        }
      }
    }
    return marked;
  }

  @Test
  void flakyCallsArePreciseAndFindMostFlakyTests() {
    assertThat(figures.precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(figures.recall()).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void regressionsAreRarelyCalledFlaky() {
    assertThat((double) figures.regressionsCalledFlaky() / figures.regressions())
        .isLessThanOrEqualTo(0.05);
    assertThat((double) figures.regressionsFailing() / figures.regressions())
        .isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void changepointsAreFoundWithinTwoBuilds() {
    assertThat((double) figures.changepointsWithin2() / figures.changepoints())
        .isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void fixesAreLabelledFixed() {
    assertThat((double) figures.fixesCalledFixed() / figures.fixes()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void incidentsAreTold() {
    assertThat((double) figures.incidentsFound() / figures.incidentBuilds())
        .isGreaterThanOrEqualTo(0.95);
    assertThat(figures.incidentsFalse()).isLessThanOrEqualTo(figures.incidentBuilds() / 20);
  }
}
