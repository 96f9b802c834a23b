package dev.nightwatch.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.dao.FailureDao.Occurrence;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OccurrenceChartTest {
  private static final Instant LAST = Instant.parse("2026-11-30T18:00:00Z");

  private static Occurrence at(String builder, String time) {
    return new Occurrence(builder, Instant.parse(time));
  }

  @Test
  void countsPerDayPerBuilderEndingOnTheLastDaySeen() {
    OccurrenceChart chart =
        OccurrenceChart.of(
            List.of(
                at("A", "2026-11-30T01:00:00Z"),
                at("A", "2026-11-30T17:00:00Z"),
                at("B", "2026-11-29T23:59:59Z"),
                at("A", "2026-11-01T00:00:00Z")),
            LAST,
            30,
            8);

    assertThat(chart.first()).isEqualTo(LocalDate.parse("2026-11-01"));
    assertThat(chart.rows()).extracting(OccurrenceChart.Row::builder).containsExactly("A", "B");
    assertThat(chart.rows().get(0).perDay().get(29)).isEqualTo(2);
    assertThat(chart.rows().get(0).perDay().get(0)).isEqualTo(1);
    assertThat(chart.rows().get(1).perDay().get(28)).isEqualTo(1);
    assertThat(chart.max()).isEqualTo(2);
    assertThat(chart.shade(2)).isEqualTo(1.0);
    assertThat(chart.shade(0)).isZero();
  }

  @Test
  void theQuieterBuildersAreSummedInOneRow() {
    OccurrenceChart chart =
        OccurrenceChart.of(
            List.of(
                at("A", "2026-11-30T01:00:00Z"),
                at("A", "2026-11-30T02:00:00Z"),
                at("B", "2026-11-30T03:00:00Z"),
                at("C", "2026-11-30T04:00:00Z")),
            LAST,
            7,
            1);

    assertThat(chart.rows())
        .extracting(OccurrenceChart.Row::builder, OccurrenceChart.Row::total)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", 2),
            org.assertj.core.groups.Tuple.tuple("other builders", 2));
  }

  @Test
  void occurrencesOutsideTheWindowAreLeftOut() {
    OccurrenceChart chart =
        OccurrenceChart.of(List.of(at("A", "2026-10-01T00:00:00Z")), LAST, 30, 8);
    assertThat(chart.rows()).isEmpty();
    assertThat(chart.max()).isZero();
  }
}
