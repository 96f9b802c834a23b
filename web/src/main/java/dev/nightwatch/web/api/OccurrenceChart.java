package dev.nightwatch.web.api;

import dev.nightwatch.schema.dao.FailureDao;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster's failures per day per builder over the {@code days} days ending on the day it was last
 * seen: one row per builder (the busiest {@code maxRows}, the rest summed as "other builders"), a
 * count per day. Pure: built from the occurrences, drawn by the page as an SVG heat map.
 */
public record OccurrenceChart(LocalDate first, int days, List<Row> rows, int max) {
  /** One builder's failures, a count per day from {@code first}. */
  public record Row(String builder, List<Integer> perDay, int total) {}

  public OccurrenceChart {
    rows = List.copyOf(rows);
  }

  /** The chart of these occurrences for a cluster last seen at {@code lastSeen}. */
  public static OccurrenceChart of(
      List<FailureDao.Occurrence> occurrences, Instant lastSeen, int days, int maxRows) {
    LocalDate last = lastSeen.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate first = last.minusDays(days - 1L);
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (FailureDao.Occurrence o : occurrences) {
      int day =
          (int) (o.time().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay() - first.toEpochDay());
      if (day >= 0 && day < days) {
        counts.computeIfAbsent(o.builder(), b -> new int[days])[day]++;
      }
    }
    List<Map.Entry<String, int[]>> byTotal = new ArrayList<>(counts.entrySet());
    byTotal.sort(
        Comparator.comparingInt((Map.Entry<String, int[]> e) -> -sum(e.getValue()))
            .thenComparing(Map.Entry::getKey));
    List<Row> rows = new ArrayList<>();
    int[] other = new int[days];
    for (int i = 0; i < byTotal.size(); i++) {
      int[] c = byTotal.get(i).getValue();
      if (i < maxRows) {
        rows.add(row(byTotal.get(i).getKey(), c));
      } else {
        for (int d = 0; d < days; d++) {
          other[d] += c[d];
        }
      }
    }
    if (byTotal.size() > maxRows) {
      rows.add(row("other builders", other));
    }
    int max =
        rows.stream().flatMap(r -> r.perDay().stream()).mapToInt(Integer::intValue).max().orElse(0);
    return new OccurrenceChart(first, days, rows, max);
  }

  private static Row row(String builder, int[] counts) {
    List<Integer> perDay = new ArrayList<>(counts.length);
    for (int c : counts) {
      perDay.add(c);
    }
    return new Row(builder, perDay, sum(counts));
  }

  private static int sum(int[] counts) {
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    return total;
  }

  /** A cell's shade, 0.15 to 1 by its count against the busiest cell; 0 for none. */
  public double shade(int count) {
    return count == 0 || max == 0 ? 0 : 0.15 + 0.85 * count / max;
  }
}
