package dev.nightwatch.schema.dao;

/**
 * Days {@code [from, to]} (since 1970-01-01, UTC) read as the whole weeks inside them ({@code
 * test_weeks}, weeks from Monday) plus the days at either edge ({@code test_days}), so a year reads
 * 52 week rows and a few day rows per test instead of 365.
 */
public record DayWindow(long from, long to) {
  public DayWindow {
    if (to < from) {
      throw new IllegalArgumentException("window ends before it starts: " + from + ".." + to);
    }
  }

  /** The week a day is in: weeks since Monday 1969-12-29. */
  public static long week(long day) {
    return Math.floorDiv(day + 3, 7);
  }

  private static long start(long week) {
    return 7 * week - 3;
  }

  private boolean hasWeeks() {
    return weekFrom() <= weekTo();
  }

  /** The first whole week inside the window. */
  public long weekFrom() {
    return Math.floorDiv(from + 9, 7);
  }

  /** The last whole week inside the window (before {@link #weekFrom} when there is none). */
  public long weekTo() {
    return Math.floorDiv(to - 3, 7);
  }

  /** The days before the first whole week (all the window's days when it has none). */
  public long headFrom() {
    return from;
  }

  public long headTo() {
    return hasWeeks() ? start(weekFrom()) - 1 : to;
  }

  /** The days after the last whole week (none when the window has no whole week). */
  public long tailFrom() {
    return hasWeeks() ? start(weekTo()) + 7 : to + 1;
  }

  public long tailTo() {
    return to;
  }
}
