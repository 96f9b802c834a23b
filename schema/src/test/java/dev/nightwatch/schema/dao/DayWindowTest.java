package dev.nightwatch.schema.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayWindowTest {
  @Test
  void weeksStartOnMonday() {
    long monday = LocalDate.of(2026, 11, 30).toEpochDay();
    assertThat(LocalDate.ofEpochDay(monday).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(DayWindow.week(monday)).isEqualTo(DayWindow.week(monday + 6));
    assertThat(DayWindow.week(monday - 1)).isEqualTo(DayWindow.week(monday) - 1);
  }

  @Test
  void weeksAndEdgesCoverEveryDayOfTheWindowOnce() {
    long base = LocalDate.of(2026, 1, 1).toEpochDay();
    for (long from = base; from < base + 8; from++) {
      for (long length = 1; length <= 40; length++) {
        DayWindow w = new DayWindow(from, from + length - 1);
        List<Long> days = new ArrayList<>();
        for (long week = w.weekFrom(); week <= w.weekTo(); week++) {
          for (long d = 7 * week - 3; d < 7 * week + 4; d++) {
            days.add(d);
          }
        }
        for (long d = w.headFrom(); d <= w.headTo(); d++) {
          days.add(d);
        }
        for (long d = w.tailFrom(); d <= w.tailTo(); d++) {
          days.add(d);
        }
        List<Long> expected = new ArrayList<>();
        for (long d = from; d <= from + length - 1; d++) {
          expected.add(d);
        }
        assertThat(days)
            .as("%d + %d days", from, length)
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  @Test
  void aYearReadsFiftyOneWholeWeeksOrMore() {
    long to = LocalDate.of(2026, 11, 30).toEpochDay();
    DayWindow year = new DayWindow(to - 364, to);
    assertThat(year.weekTo() - year.weekFrom() + 1).isBetween(51L, 52L);
    assertThatThrownBy(() -> new DayWindow(to, to - 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
