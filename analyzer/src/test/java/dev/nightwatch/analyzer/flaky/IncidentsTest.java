package dev.nightwatch.analyzer.flaky;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentsTest {
  private final Incidents incidents = new Incidents(Incidents.Rules.DEFAULT);

  /** Twenty ordinary builds of a worker: 450 tests, two failing (one of them new). */
  private static List<BuildLoad> usual() {
    List<BuildLoad> loads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      loads.add(new BuildLoad(i, "w", 450, 2, 1));
    }
    return loads;
  }

  @Test
  void mostTestsFailingAtOnceIsAMassFailure() {
    assertThat(incidents.judge(new BuildLoad(99, "w", 450, 300, 290), usual()))
        .isEqualTo(Incidents.Kind.MASS_FAILURE);
  }

  @Test
  void manyUnrelatedTestsNewlyFailingIsTheWorker() {
    assertThat(incidents.judge(new BuildLoad(99, "w", 450, 60, 58), usual()))
        .isEqualTo(Incidents.Kind.WORKER);
  }

  @Test
  void anOutageLastingSeveralBuildsStaysTheWorkersEvenWhenItsFailuresRepeat() {
    // The second build of an outage: 60 tests fail, most of them failed the build before too.
    assertThat(incidents.judge(new BuildLoad(100, "w", 450, 60, 5), usual()))
        .isEqualTo(Incidents.Kind.WORKER);
  }

  @Test
  void aFewFailuresOrTestsThatStayBrokenAreNoIncident() {
    assertThat(incidents.judge(new BuildLoad(99, "w", 450, 6, 4), usual()))
        .isEqualTo(Incidents.Kind.NONE);
    List<BuildLoad> broken = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      broken.add(new BuildLoad(i, "w", 450, 40, 1)); // 40 tests broken for weeks
    }
    assertThat(incidents.judge(new BuildLoad(99, "w", 450, 42, 3), broken))
        .isEqualTo(Incidents.Kind.NONE);
  }
}
